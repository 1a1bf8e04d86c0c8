// The Chromium the browser tests drive: where it comes from, in order, and what is said when there is none.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CHROMIUM_NAMES, chooseChromium, firstOnPath } = require('./chromium.js');

describe('the Chromium the browser tests drive', () => {
  const executable = (...paths: string[]) => (p: string) => paths.includes(p);
  const nothing = { onPath: null, isRoot: false, hasAptGet: false };

  it('is CONDUCT_CHROMIUM_PATH when set, before anything on PATH', () => {
    expect(chooseChromium({ ...nothing, explicit: '/opt/chrome/chrome', onPath: '/usr/bin/chromium', isExecutable: executable('/opt/chrome/chrome') })).toEqual({ use: '/opt/chrome/chrome', from: 'CONDUCT_CHROMIUM_PATH' });
  });

  it('refuses a CONDUCT_CHROMIUM_PATH that is not an executable file rather than passing it over', () => {
    const choice = chooseChromium({ ...nothing, explicit: '/nowhere/chrome', onPath: '/usr/bin/chromium', isRoot: true, hasAptGet: true, isExecutable: executable() });
    expect(choice.missing).toMatch(/CONDUCT_CHROMIUM_PATH=\/nowhere\/chrome is not an executable file/);
  });

  it('is the one on PATH when no variable is set (an empty one counts as unset)', () => {
    expect(chooseChromium({ ...nothing, explicit: '  ', onPath: '/usr/bin/chromium', isRoot: true, hasAptGet: true })).toEqual({ use: '/usr/bin/chromium', from: 'PATH' });
  });

  it("is Debian's package, installed with apt-get, when none is found and we are root", () => {
    expect(chooseChromium({ ...nothing, isRoot: true, hasAptGet: true })).toEqual({ install: 'apt-get' });
    expect(chooseChromium({ ...nothing, isRoot: false, hasAptGet: true }).install).toBeUndefined();
    expect(chooseChromium({ ...nothing, isRoot: true, hasAptGet: false }).install).toBeUndefined();
  });

  it('otherwise says what to install and which variable to set', () => {
    const { missing } = chooseChromium(nothing);
    expect(missing).toMatch(/apt-get install chromium/);
    expect(missing).toMatch(/CONDUCT_CHROMIUM_PATH=/);
    for (const name of CHROMIUM_NAMES) expect(missing).toContain(name);
  });

  it('looks on PATH for each name in turn: chromium before google-chrome, whatever folder holds it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-chromium-'));
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(first, 'google-chrome'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(second, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(first, 'chromium-browser'), 'not executable', { mode: 0o644 });
    const pathVar = [first, second].join(path.delimiter);
    expect(firstOnPath(CHROMIUM_NAMES, pathVar)).toBe(path.join(second, 'chromium'));
    expect(firstOnPath(['chromium-browser', 'google-chrome'], pathVar)).toBe(path.join(first, 'google-chrome'));
    expect(firstOnPath(CHROMIUM_NAMES, '')).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
