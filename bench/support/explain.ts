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
