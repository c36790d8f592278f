// The storage layer: the ONLY code that imports idb (ARCHITECTURE.md "Layers"). State classes call
// these functions; components never do.
export * from './db';
export * from './errors';
export * from './cards';
export * from './reviews';
export * from './review-log';
export * from './tallies';
export * from './card-counts';
export * from './studied-due';
export * from './card-writes';
export * from './answer';
export * from './attempts';
export * from './sets';
export * from './set-delete';
export * from './settings';
export * from './meta';
export * from './backup';
export * from './check';
export * from './drafts';
export * from './optimizer';
export * from './workload';
export * from './reschedule';
export * from './leeches';
export * from './media';
