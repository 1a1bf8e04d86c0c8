import { DEV_SERVER_SQLITE_PRAGMAS, devServerSqlitePragmas } from './temporal-dev-server';

describe("the dev server's SQLite settings", () => {
  it('are WAL with synchronous=NORMAL unless told otherwise', () => {
    expect(devServerSqlitePragmas({})).toEqual(['journal_mode=wal', 'synchronous=normal']);
    expect(DEV_SERVER_SQLITE_PRAGMAS).toEqual(devServerSqlitePragmas({}));
  });

  it('take TEMPORAL_SQLITE_PRAGMAS as a comma-separated list, and "none" for SQLite\'s own defaults', () => {
    expect(devServerSqlitePragmas({ TEMPORAL_SQLITE_PRAGMAS: ' journal_mode=delete , synchronous=full ' })).toEqual(['journal_mode=delete', 'synchronous=full']);
    expect(devServerSqlitePragmas({ TEMPORAL_SQLITE_PRAGMAS: 'none' })).toEqual([]);
  });
});
