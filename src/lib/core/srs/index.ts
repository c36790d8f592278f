// Public surface of the spaced-repetition core. Pure: no DOM, no storage, no clock.
export * from './card';
export * from './settings';
export * from './scheduler';
export * from './format';
export * from './day';
export * from './queue';
export * from './studied';
export * from './stats';
export * from './workload';
export * from './suspend';
export * from './retention';
