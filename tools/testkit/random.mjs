// Deterministic pseudo-random numbers in [0, 1) (mulberry32): randomised tests that a failure can replay, and
// benchmark corpora that are the same on every machine. Plain JavaScript so that tools/ scripts can use it too.
export function seededRandom(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
