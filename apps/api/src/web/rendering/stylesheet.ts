import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { GOVUK_FRONTEND, MOJ_FRONTEND, PACKAGES_ROOT } from './packages';

const SOURCE = path.join(__dirname, 'application.scss');
const CACHE = path.join(PACKAGES_ROOT, 'node_modules/.cache/conduct-engine');

export interface Stylesheet {
  css: string;
  /** A short hash of the CSS, in its address, so browsers keep it for a year and a new build is fetched at once. */
  version: string;
}

let compiled: Stylesheet | undefined;

const versionOf = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * GOV.UK Frontend with the MOJ components. Compiling takes 2 to 5 s, so the CSS is kept in node_modules/.cache under
 * a key of the source and the two packages' versions: compiled once per install, not once per start.
 */
export function stylesheet(): Stylesheet {
  if (compiled) return compiled;
  const source = readFileSync(SOURCE, 'utf8');
  const key = createHash('sha256').update(source).update(versionOf(GOVUK_FRONTEND)).update(versionOf(MOJ_FRONTEND)).digest('hex').slice(0, 16);
  const cached = path.join(CACHE, `application-${key}.css`);
  let css: string;
  try {
    css = readFileSync(cached, 'utf8');
  } catch {
    css = compile();
    try {
      mkdirSync(CACHE, { recursive: true });
      writeFileSync(`${cached}.${process.pid}`, css);
      renameSync(`${cached}.${process.pid}`, cached);
    } catch {
      /* a read-only install compiles at each start */
    }
  }
  compiled = { css, version: createHash('sha256').update(css).digest('hex').slice(0, 12) };
  return compiled;
}

function compile(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  return sass.compile(SOURCE, {
    loadPaths: [PACKAGES_ROOT],
    style: 'compressed',
    quietDeps: true,
    // The MOJ package still calls mixins GOV.UK Frontend 6 deprecates: its warnings are not ours to act on.
    logger: { warn: () => undefined, debug: () => undefined },
  }).css;
}
