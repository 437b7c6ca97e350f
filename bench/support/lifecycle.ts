/**
 * Runs `cleanup` once, whether the run ends, fails or is interrupted (Ctrl-C), so a
 * benchmark never leaves its schema and 150 000 rows behind. Returns the idempotent cleanup.
 */
export function cleanupOnExit(cleanup: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const once = () => (done ??= cleanup().catch((error: unknown) => console.error("cleanup failed:", error)));
  process.once("SIGINT", () => {
    console.error("\ninterrupted: removing the benchmark's data");
    void once().finally(() => process.exit(130));
  });
  return once;
}

/** Runs `work` again (up to `attempts` times, `delayMs` apart) while it fails, e.g. a schema drop while PostgreSQL restarts. */
export async function retrying<T>(work: () => Promise<T>, attempts = 5, delayMs = 3_000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
