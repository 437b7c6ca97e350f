/**
 * Throughput under concurrency: `concurrency` workers pull inputs in turn and run them back to
 * back (a closed loop, as a pool of gateway or browser clients would), for a time or a count.
 */
import type { Variant } from "./timing.js";

export interface LoadOptions {
  concurrency: number;
  /** Stop starting new operations after this long (ms)… */
  durationMs?: number;
  /** …or after this many operations, whichever comes first. */
  count?: number;
  /** Where in `inputs` the first operation starts (so alternating slices do not repeat the same inputs). */
  offset?: number;
}

export interface LoadResult {
  operations: number;
  /** Wall time from the first start to the last finish, in ms. */
  elapsedMs: number;
  perSecond: number;
  /** One latency per operation, in ms. */
  latencies: number[];
}

export async function runLoad<Input>(
  inputs: readonly Input[],
  run: (input: Input) => Promise<unknown>,
  options: LoadOptions,
): Promise<LoadResult> {
  if (inputs.length === 0) throw new Error("runLoad needs at least one input");
  if (options.durationMs === undefined && options.count === undefined) throw new Error("runLoad needs durationMs or count");
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  const limit = options.count ?? Infinity;
  let next = 0;
  const offset = options.offset ?? 0;
  const worker = async () => {
    while (next < limit && performance.now() < deadline) {
      const input = inputs[(offset + next++) % inputs.length]!;
      const begun = performance.now();
      await run(input);
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const elapsedMs = performance.now() - started;
  return { operations: latencies.length, elapsedMs, perSecond: (latencies.length * 1000) / elapsedMs, latencies };
}

/** A variant that runs a whole slice itself (e.g. on a worker thread) instead of one operation at a time. */
export interface SliceVariant {
  name: string;
  slice(options: { concurrency: number; durationMs: number; offset: number }): Promise<LoadResult>;
}

function runSlice<Input>(
  variant: Variant<Input> | SliceVariant,
  inputs: readonly Input[],
  options: { concurrency: number; durationMs: number; offset: number },
) {
  return "slice" in variant ? variant.slice(options) : runLoad(inputs, (input) => variant.run(input), options);
}

export interface CompareLoadOptions {
  concurrency: number;
  /** Length of one slice (ms): each variant runs alone for a slice, then the next one. */
  sliceMs: number;
  /** Rounds of slices; the order of the variants rotates every round. */
  rounds: number;
  /** Untimed time per variant first (ms). */
  warmupMs?: number;
  /** Called when a variant's slice starts (with its name) and ends (with null), e.g. to tag probe samples. */
  onSlice?: (name: string | null) => void;
}

/**
 * Throughput of several variants at the same concurrency, measured in alternating slices so that a
 * neighbour's load, a GC pause or a growing table hits every variant alike, not the one that ran last.
 */
export async function compareLoad<Input>(
  variants: readonly (Variant<Input> | SliceVariant)[],
  inputs: readonly Input[],
  options: CompareLoadOptions,
): Promise<Map<string, LoadResult>> {
  if (options.warmupMs) {
    for (const variant of variants) {
      await runSlice(variant, inputs, { concurrency: options.concurrency, durationMs: options.warmupMs, offset: 0 });
    }
  }
  const results = new Map(
    variants.map((variant) => [variant.name, { operations: 0, elapsedMs: 0, perSecond: 0, latencies: [] as number[] }]),
  );
  let offset = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length]!;
      options.onSlice?.(variant.name);
      const slice = await runSlice(variant, inputs, { concurrency: options.concurrency, durationMs: options.sliceMs, offset });
      options.onSlice?.(null);
      const total = results.get(variant.name)!;
      total.operations += slice.operations;
      total.elapsedMs += slice.elapsedMs;
      total.latencies.push(...slice.latencies);
      total.perSecond = (total.operations * 1000) / total.elapsedMs;
    }
    offset += 7919;
  }
  return results;
}
