/** One way of doing the work being measured, e.g. "HTTP" or "raw query". */
export interface Variant<Input> {
  name: string;
  run(input: Input): Promise<unknown>;
}

export interface LoopOptions {
  /** Untimed rounds first: JIT, connection pools, plan and buffer caches warm up. */
  warmup: number;
  iterations: number;
}

/**
 * Runs every variant once per round on the same input, one request at a time, and returns
 * each variant's timings in ms. Variants are interleaved (and their order rotates every
 * round) so that a noisy neighbour or a GC pause hits all of them alike, not one.
 */
export async function timeVariants<Input>(
  variants: readonly Variant<Input>[],
  inputs: readonly Input[],
  options: LoopOptions,
): Promise<Map<string, number[]>> {
  if (inputs.length === 0) throw new Error("timeVariants needs at least one input");
  const timings = new Map(variants.map((variant) => [variant.name, [] as number[]]));
  const rounds = options.warmup + options.iterations;
  for (let round = 0; round < rounds; round++) {
    const input = inputs[round % inputs.length]!;
    for (let offset = 0; offset < variants.length; offset++) {
      const variant = variants[(round + offset) % variants.length]!;
      const started = performance.now();
      await variant.run(input);
      const elapsed = performance.now() - started;
      if (round >= options.warmup) timings.get(variant.name)!.push(elapsed);
    }
  }
  return timings;
}

/** Fisher–Yates with a seeded generator, so a run's input order is repeatable. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** mulberry32: small, fast, good enough to pick benchmark inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
