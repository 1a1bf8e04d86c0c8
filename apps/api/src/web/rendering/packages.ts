import * as path from 'node:path';

/**
 * Where the front-end packages are, found by Node's own resolution rather than by a path from this file: the same from
 * the sources (npm start) and from the build (dist/ beside node_modules in the image).
 */
export const GOVUK_FRONTEND = path.dirname(require.resolve('govuk-frontend/package.json'));
export const MOJ_FRONTEND = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));
/** The folder that holds node_modules: the MOJ package's Sass imports GOV.UK Frontend as "node_modules/govuk-frontend/…". */
export const PACKAGES_ROOT = path.resolve(GOVUK_FRONTEND, '../..');
