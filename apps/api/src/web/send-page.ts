import type { Response } from './http';
import type { RenderedPage } from './rendering/pages';

/** A page as the answer: HTML, its own Content-Security-Policy, never cached (pages show a case's state now). */
export function sendPage(res: Response, page: RenderedPage, status = 200): void {
  res.status(status).setHeader('Content-Security-Policy', page.contentSecurityPolicy);
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page.html);
}
