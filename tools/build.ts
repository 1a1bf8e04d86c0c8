/**
 * `npm run build`: the production artefacts in dist/, run by the image with plain `node` (no ts-node):
 *   - the TypeScript of apps/, libs/ and workflows/src compiled by tsc (tsconfig.build.json);
 *   - the workspace's `@conduct/...` imports rewritten to relative paths, so the JavaScript needs no path hook;
 *   - the API's web assets (templates, stylesheets, images) copied beside its compiled code;
 *   - the workflow bundle, made once here rather than at each worker's start (WORKFLOW_BUNDLE_PATH).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bundleWorkflows } from '@conduct/temporal/worker';
import { ASSET_DIRS, DIST_DIR, ENTRY_POINTS, WORKFLOW_BUNDLE_FILE, builtPath } from './artefacts';

export const root = path.resolve(__dirname, '..');
const distDir = path.join(root, DIST_DIR);

/** The workspace's import names and the sources they stand for, from tsconfig.base.json (declared there once). */
export function workspaceAliases(): Record<string, string> {
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  return Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, target]));
}

const ALIAS_REQUIRE = /require\((["'])(@conduct\/[^"']+)\1\)/g;

/**
 * A compiled file's `require("@conduct/x")` as a relative require of the built file it names. An alias that names
 * nothing built (tools/, say) fails the build rather than the service at start.
 */
export function rewriteAliases(js: string, builtFile: string, aliases: Record<string, string>, exists: (file: string) => boolean = fs.existsSync): string {
  return js.replace(ALIAS_REQUIRE, (_, quote: string, name: string) => {
    const target = aliases[name];
    if (!target) throw new Error(`${builtFile}: requires ${name}, which tsconfig.base.json does not declare`);
    const built = path.join(distDir, target.replace(/\.ts$/, '.js'));
    if (!exists(built)) throw new Error(`${builtFile}: requires ${name} (${target}), which the build does not compile`);
    let relative = path.relative(path.dirname(builtFile), built).replace(/\.js$/, '').split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    return `require(${quote}${relative}${quote})`;
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function compile(): void {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error(`tsc failed (exit ${tsc.status})`);
  const aliases = workspaceAliases();
  for (const file of filesUnder(distDir).filter((f) => f.endsWith('.js'))) {
    const js = fs.readFileSync(file, 'utf8');
    const rewritten = rewriteAliases(js, file, aliases);
    if (rewritten !== js) fs.writeFileSync(file, rewritten);
  }
}

/**
 * Every file of the asset folders that is not TypeScript (`*.njk` templates, a `public/` or `assets/` folder, a
 * compiled stylesheet), at the same place under dist/, where the compiled code's `__dirname` finds it.
 */
export function copyAssets(from = root, to = distDir, dirs: readonly string[] = ASSET_DIRS): string[] {
  const copied: string[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(path.join(from, dir)).filter((f) => !f.endsWith('.ts'))) {
      const target = path.join(to, path.relative(from, file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target);
      copied.push(path.relative(to, target).split(path.sep).join('/'));
    }
  }
  return copied;
}

export async function build(): Promise<void> {
  const started = Date.now();
  fs.rmSync(distDir, { recursive: true, force: true });
  compile();
  const missing = Object.values(ENTRY_POINTS).map(builtPath).filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length) throw new Error(`entry points not built: ${missing.join(', ')}`);
  const assets = copyAssets();
  const bundle = await bundleWorkflows();
  fs.writeFileSync(path.join(root, WORKFLOW_BUNDLE_FILE), bundle.code);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[build] dist/ in ${seconds} s: ${Object.values(ENTRY_POINTS).map(builtPath).join(', ')}; ${assets.length} web asset(s); workflow bundle ${WORKFLOW_BUNDLE_FILE} (${Math.round(bundle.code.length / 1024)} kB)`);
}

// Run as `npm run build` (tools/run-ts.js puts the entry point in argv[1]); imported by the tests, it does nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  build().catch((err: Error) => {
    console.error(`[build] ${err.message}`);
    process.exit(1);
  });
}
