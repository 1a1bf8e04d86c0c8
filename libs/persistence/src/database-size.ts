import { Sql } from './tables/sql';

/** The database's size on disk, and its largest tables (the benchmark's capacity figures). */
export async function databaseSize(sql: Sql): Promise<{ bytes: number; tables: Record<string, number> }> {
  const [{ size }] = await sql.query(`SELECT pg_database_size(current_database())::bigint AS size`);
  const tables: Record<string, number> = {};
  for (const row of await sql.query(`SELECT relname, pg_total_relation_size(c.oid)::bigint AS size FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 8`)) tables[row.relname] = Number(row.size);
  return { bytes: Number(size), tables };
}
