import { PUBLIC_PATHS } from '../common/rate-limit';

/** What a request's `route` label may say when no controller route matched it (a 404 for an unknown path, a 429 before routing). */
export const UNMATCHED = 'unmatched';

export interface RoutedRequest {
  baseUrl?: string;
  route?: { path?: unknown };
  path?: string;
  url: string;
}

/**
 * The route template a request was answered by (`/matters/:reference/subjects/:subjectId`), never its raw path: a
 * matter's reference or a subject's id in a label would put force-identifying references into every scraper's store,
 * and one series per matter would grow without bound. Swagger's pages have no Nest route: they count under their
 * public path (`/docs`); anything else unmatched counts once, as `unmatched`.
 */
export function routeLabel(req: RoutedRequest): string {
  const template = req.route?.path;
  if (typeof template === 'string') return `${req.baseUrl ?? ''}${template}` || '/';
  const path = req.path ?? req.url.split('?')[0];
  return PUBLIC_PATHS.find((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`)) ?? UNMATCHED;
}
