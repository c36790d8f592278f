// One seed for every property test run, printed so a failure can be replayed exactly:
// FC_SEED=123 npx vitest run src/lib/quiz
export const FC_SEED = Number(process.env.FC_SEED ?? 20240611);
console.log(`fast-check seed: ${FC_SEED} (set FC_SEED to replay)`);
