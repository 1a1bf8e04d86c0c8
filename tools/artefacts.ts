/**
 * What `npm run build` writes and the image, docker-compose.yml and deploy/k8s run, declared once: the built entry
 * points (each from its TypeScript source), the prebuilt workflow bundle, and the folders whose assets are shipped.
 */
export const ENTRY_POINTS = {
  api: 'apps/api/src/main.ts',
  worker: 'apps/worker/src/main.ts',
  migrate: 'libs/persistence/src/migrate.ts',
  dispatcher: 'apps/worker/src/outbox/dispatcher.main.ts',
} as const;

export const DIST_DIR = 'dist';

/** The worker's prebuilt workflow code, relative to the root (WORKFLOW_BUNDLE_PATH). */
export const WORKFLOW_BUNDLE_FILE = `${DIST_DIR}/workflow-bundle.js`;

/** Folders whose files other than TypeScript (templates, stylesheets, images) are shipped beside the compiled code. */
export const ASSET_DIRS = ['apps/api/src/web'];

/** `apps/api/src/main.ts` → `dist/apps/api/src/main.js`, relative to the root. */
export function builtPath(source: string): string {
  return `${DIST_DIR}/${source.replace(/\.ts$/, '.js')}`;
}
