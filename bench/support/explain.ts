import { CompiledQuery, type Kysely } from "kysely";

export interface Plan {
  text: string;
  /** The plan reads the whole table instead of an index. */
  seqScan: boolean;
  /** Names of the indexes the plan uses. */
  indexes: string[];
}

/** `EXPLAIN (ANALYZE)` of a captured statement, with its own parameters. */
export async function explain(db: Kysely<any>, statement: CompiledQuery): Promise<Plan> {
  const result = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, costs off, timing off, summary off) ${statement.sql}`, [...statement.parameters]),
  );
  const text = result.rows.map((row) => Object.values(row)[0]).join("\n");
  const indexes = [...text.matchAll(/(?:Index|Index Only) Scan(?: Backward)? using (\S+)|Bitmap Index Scan on (\S+)/g)].map(
    (match) => match[1] ?? match[2]!,
  );
  return {
    text,
    seqScan: /\bSeq Scan\b/.test(text),
    indexes: [...new Set(indexes)],
  };
}

export interface CompactPlan {
  /** Node lines only (conditions and costs dropped). */
  nodes: string[];
  /** The planner's estimated total cost of the statement (what PostgreSQL compares with the jit_*_above_cost settings). */
  totalCost: number;
  sharedHit: number;
  sharedRead: number;
  /** PostgreSQL's JIT compilation for this execution, if it ran ("Inlining true, Optimization true, …"). */
  jit: { functions: number; totalMs: number; options: string } | null;
  executionMs: number;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` boiled down: plan shape, estimated cost, buffers, JIT and execution time. */
export async function explainCompact(db: Kysely<any>, statement: CompiledQuery): Promise<CompactPlan> {
  const result = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]),
  );
  const lines = result.rows.map((row) => Object.values(row)[0]!);
  const text = lines.join("\n");
  const buffers = lines.find((line) => line.includes("Buffers:")) ?? "";
  const jitTotal = /JIT:[\s\S]*?Timing:.*Total ([\d.]+) ms/.exec(text);
  return {
    nodes: lines
      .filter((line) => line.includes("(actual"))
      .map((line) =>
        line
          .replace(/^(\s*)->\s+/, "$1")
          .replace(/\s+\(cost=[^)]*\)/, "")
          .replace(/\s+\(actual /, " ("),
      ),
    totalCost: Number(/cost=[\d.]+\.\.([\d.]+)/.exec(lines[0] ?? "")?.[1] ?? Number.NaN),
    sharedHit: Number(/shared hit=(\d+)/.exec(buffers)?.[1] ?? 0),
    sharedRead: Number(/read=(\d+)/.exec(buffers)?.[1] ?? 0),
    jit: jitTotal
      ? {
          functions: Number(/Functions: (\d+)/.exec(text)?.[1] ?? 0),
          totalMs: Number(jitTotal[1]),
          options: /Options: (.*)/.exec(text)?.[1]?.trim() ?? "",
        }
      : null,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
  };
}
