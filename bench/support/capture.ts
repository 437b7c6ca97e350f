import {
  PostgresQueryCompiler,
  type CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

/** Records the SQL and parameters of every statement sent through the Kysely it is plugged into. */
class QueryRecorder implements KyselyPlugin {
  readonly #compiler = new PostgresQueryCompiler();
  readonly statements: CompiledQuery[] = [];

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.#compiler.compileQuery(node, queryId));
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/**
 * Calls `work` (typically a service function) and returns the statements it sent, so a
 * benchmark can replay exactly the server's SQL as its raw baseline, not a hand-written copy
 * that may drift from it.
 */
export async function captureStatements<DB>(
  db: Kysely<DB>,
  work: (db: Kysely<DB>) => Promise<unknown>,
): Promise<CompiledQuery[]> {
  const recorder = new QueryRecorder();
  await work(db.withPlugin(recorder));
  return recorder.statements;
}

/** The one statement `work` sends; fails if it sends none or several. */
export async function captureStatement<DB>(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery> {
  const statements = await captureStatements(db, work);
  if (statements.length !== 1) throw new Error(`expected one statement, captured ${statements.length}`);
  return statements[0]!;
}
