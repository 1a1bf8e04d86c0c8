// The engine's Node.js: where it comes from, and that a fetched one is checked before it is used.
// Offline: a fake `npm` on PATH "packs" a tarball made here.
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const node = require('./node.js');

describe('the Node.js the engine runs on', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let pin: { package: string; version: string; integrity: string };
  const oldNode = () => ({ path: path.join(dir, 'bin', 'node'), version: '20.20.2' });
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);

  beforeEach(() => {
    logs.length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-node-'));
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    // The machine's own node (too old), first on PATH, and an `npm` whose `pack` copies $FAKE_TGZ.
    fs.writeFileSync(path.join(bin, 'node'), '#!/bin/sh\necho 20.20.2\n', { mode: 0o755 });
    fs.writeFileSync(
      path.join(bin, 'npm'),
      '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = --pack-destination ] && dest=$2; shift; done\ncp "$FAKE_TGZ" "$dest/"\necho "[]"\n',
      { mode: 0o755 },
    );
    const pkg = path.join(dir, 'pkg', 'package');
    fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'bin', 'node'), '#!/bin/sh\necho 24.99.0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(pkg, 'LICENSE'), 'licence');
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"node-test-fake","version":"24.99.0"}');
    const tgz = path.join(dir, 'node-test-fake-24.99.0.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', path.join(dir, 'pkg'), 'package']);
    pin = { package: 'node-test-fake', version: '24.99.0', integrity: `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tgz)).digest('base64')}` };
    env = { PATH: `${bin}${path.delimiter}${process.env.PATH}`, CONDUCT_CACHE_DIR: path.join(dir, 'cache'), FAKE_TGZ: tgz };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('pins an exact 24 with its sha512 for each platform it has a build for', () => {
    for (const [platform, arch] of [['linux', 'x64'], ['linux', 'arm64'], ['darwin', 'x64'], ['darwin', 'arm64']]) {
      const p = node.pinFor(platform, arch);
      expect(p.version).toMatch(/^24\.\d+\.\d+$/);
      expect(p.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    }
    expect(node.pinFor('win32', 'x64')).toBeNull();
  });

  it('uses the running node when it is 22 or newer, and CONDUCT_NODE_PATH as it is', () => {
    expect(node.resolveNode({ env, log, pin }).path).toBe(process.execPath);
    const explicit = node.resolveNode({ env: { ...env, CONDUCT_NODE_PATH: path.join(dir, 'bin', 'node') }, log, pin, current: { path: process.execPath, version: '24.0.0' } });
    expect([explicit.version, explicit.from]).toEqual(['20.20.2', `${path.join(dir, 'bin', 'node')} (CONDUCT_NODE_PATH)`]);
    expect(() => node.resolveNode({ env: { ...env, CONDUCT_NODE_PATH: path.join(dir, 'nothing') }, log, pin })).toThrow(/not an executable file/);
  });

  it('fetches the pinned package when this node is older, checks it, caches it, and uses the cache next time', () => {
    const first = node.resolveNode({ env, log, pin, current: oldNode() });
    const entry = path.join(dir, 'cache', 'node', '24.99.0');
    expect(first).toMatchObject({ path: path.join(entry, 'bin', 'node'), version: '24.99.0' });
    expect(first.from).toContain('node-test-fake@24.99.0 from the npm registry, sha512 checked');
    expect(fs.readdirSync(entry).sort()).toEqual(['LICENSE', 'bin', 'conduct-node.json', 'package.json']);
    expect(logs.join('\n')).toMatch(/installed in/);
    logs.length = 0;
    fs.rmSync(env.FAKE_TGZ!);
    expect(node.resolveNode({ env, log, pin, current: oldNode() }).path).toBe(first.path);
    expect(logs).toEqual([]);
  });

  it('refuses a tarball whose sha512 is not the pinned one, and keeps nothing of it', () => {
    const tampered = { ...pin, integrity: `sha512-${Buffer.alloc(64).toString('base64')}` };
    expect(() => node.resolveNode({ env, log, pin: tampered, current: oldNode() })).toThrow(/sha512 is sha512-.*refusing it/s);
    expect(fs.readdirSync(path.join(dir, 'cache', 'node'))).toEqual([]);
  });

  it('does not trust a cache entry whose binary is not the recorded size: it fetches again', () => {
    const first = node.resolveNode({ env, log, pin, current: oldNode() });
    fs.appendFileSync(first.path, '# changed\n');
    logs.length = 0;
    expect(node.resolveNode({ env, log, pin, current: oldNode() }).path).toBe(first.path);
    expect(logs.join('\n')).toMatch(/fetching node-test-fake@24.99.0/);
    expect(fs.readFileSync(first.path, 'utf8')).not.toContain('# changed');
  });
});
