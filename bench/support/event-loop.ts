/**
 * Event-loop lag: a timer asks to run every `intervalMs`; how late it actually runs is time the
 * loop spent on something else (a blocking hash would show as its whole duration). Each sample is
 * tagged with what `tag()` says was running, so one sampler serves interleaved slices.
 */
export function sampleLoopDelay(tag: () => string | null, intervalMs = 5): { samples: Map<string, number[]>; stop(): void } {
  const samples = new Map<string, number[]>();
  let last = performance.now();
  let lastTag = tag();
  const timer = setInterval(() => {
    const now = performance.now();
    const current = tag();
    // A sample that straddles two slices belongs to neither.
    if (current !== null && current === lastTag) {
      let list = samples.get(current);
      if (!list) samples.set(current, (list = []));
      list.push(Math.max(0, now - last - intervalMs));
    }
    last = now;
    lastTag = current;
  }, intervalMs);
  return { samples, stop: () => clearInterval(timer) };
}
