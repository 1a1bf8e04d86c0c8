import { UNMATCHED, routeLabel } from './route-label';

describe('the route label on the API metrics', () => {
  it('is the route template a request was answered by, never the matter reference or subject id in its path', () => {
    const label = routeLabel({ route: { path: '/matters/:reference/subjects/:subjectId/decisions' }, path: '/matters/PSD-2026-0042/subjects/s-17/decisions', url: '/matters/PSD-2026-0042/subjects/s-17/decisions?x=1' });
    expect(label).toBe('/matters/:reference/subjects/:subjectId/decisions');
    expect(label).not.toContain('PSD-2026-0042');
    expect(label).not.toContain('s-17');
  });

  it("keeps a mounted router's base path in front of the template", () => {
    expect(routeLabel({ baseUrl: '/codec', route: { path: '/decode' }, url: '/codec/decode' })).toBe('/codec/decode');
  });

  it("counts Swagger's pages, which have no Nest route, under their public path", () => {
    expect(routeLabel({ path: '/docs/swagger-ui.css', url: '/docs/swagger-ui.css' })).toBe('/docs');
    expect(routeLabel({ path: '/docs-json', url: '/docs-json' })).toBe('/docs');
  });

  it('counts every path no route matched (a 404 for an unknown path, a 429 before routing) once, as unmatched, whatever it was', () => {
    expect(routeLabel({ path: '/matters-by-name/Jane%20Doe', url: '/matters-by-name/Jane%20Doe' })).toBe(UNMATCHED);
    expect(routeLabel({ url: '/wp-login.php?user=admin' })).toBe(UNMATCHED);
  });
});
