/**
 * Anything that runs SQL and answers with its rows: a DataSource, an EntityManager (inside
 * `db.transaction(tx => ...)`, so a caller's transaction keeps working), or a QueryRunner.
 */
export interface Sql {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: any[]): Promise<any>;
}

/** TypeORM answers an UPDATE with [rows, rowCount] and anything else with rows. */
export function rows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
