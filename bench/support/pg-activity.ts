/**
 * Samples pg_stat_activity for one database while a load runs: what the server's connections are
 * doing (running, waiting on a lock, idle in a transaction), to tell a slow database from a
 * saturated pool.
 */
import type pg from "pg";

export interface ActivitySampler {
  /** Stops sampling; returns "state (wait) → average connections" lines, busiest first. */
  stop(): Promise<{ samples: number; lines: string[] }>;
}

export function sampleActivity(pool: pg.Pool, everyMs = 1000): ActivitySampler {
  const totals = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      try {
        const { rows } = await pool.query<{ what: string; n: string }>(
          `select state || coalesce(' (' || wait_event_type || ':' || wait_event || ')', '') ||
                  case when state <> 'idle' then ': ' || split_part(regexp_replace(query, '\\s+', ' ', 'g'), ' (', 1) else '' end as what,
                  count(*) as n
           from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
           group by 1`,
        );
        samples++;
        for (const row of rows) totals.set(row.what, (totals.get(row.what) ?? 0) + Number(row.n));
      } catch {
        // The database may be restarting; skip this sample.
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      const lines = [...totals]
        .sort((a, b) => b[1] - a[1])
        .map(([what, total]) => `${(total / Math.max(1, samples)).toFixed(1)} × ${what.slice(0, 110)}`);
      return { samples, lines };
    },
  };
}
