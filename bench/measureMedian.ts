/** The median of a non-empty list of durations. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs `fn` for at least `minMs` (and at least 5 times) after a warm-up of 3 runs, returning the median duration in ms. */
export function measure(fn: () => void, minMs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const until = performance.now() + minMs;
  while (times.length < 5 || performance.now() < until) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
