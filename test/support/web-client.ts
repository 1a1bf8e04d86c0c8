import { apiUrl, E2E_FORCE, type Who } from './api-client';

/**
 * The web interface as a browser without JavaScript uses it: a cookie jar of one session, forms posted as
 * application/x-www-form-urlencoded with the page's CSRF token, redirects not followed (a test sees each 303).
 */
export class WebClient {
  private cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(readonly base: string = apiUrl()) {}

  async get(path: string): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const res = await fetch(`${this.base}${path}`, { redirect: 'manual', headers: this.cookie ? { cookie: this.cookie } : {} });
    return this.read(res);
  }

  async post(path: string, form: Record<string, string | string[]>, opts: { csrf?: string | null } = {}): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const body = new URLSearchParams();
    const csrf = opts.csrf === undefined ? this.csrfToken : opts.csrf;
    if (csrf !== null && csrf !== undefined) body.append('_csrf', csrf);
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body,
    });
    return this.read(res);
  }

  /** Signs in by the development sign-in, as `who` of their force (the e2e force unless named). */
  async signIn(who: Who & { name?: string }): Promise<void> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { name: who.name ?? who.id, role: who.role, forceId: who.force ?? E2E_FORCE, forces: (who.forces ?? []).join(','), returnTo: '/' });
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${res.html.slice(0, 500)}`);
    await this.get('/');
  }

  private async read(res: Response) {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-conduct-session='));
    if (set) {
      const value = set.split(';')[0];
      this.cookie = value.endsWith('=') ? undefined : value;
    }
    const html = await res.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html);
    if (csrf) this.csrfToken = csrf[1];
    return { status: res.status, html, location: res.headers.get('location'), headers: res.headers };
  }
}

/** The text of an HTML page with the tags taken out and white space folded: what a reader sees, for assertions. */
export function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
