/**
 * The least of a browser a sign-in needs: it follows redirects by hand, keeps cookies per host (by name; the
 * paths are ignored, as every cookie here belongs to one test server), and posts a page's first form.
 */
export class PlainBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** Follows redirects from `url` until a page answers, or until a redirect leaves for `stopAt` (not fetched). */
  async go(url: string | URL, init: { method?: string; form?: URLSearchParams } = {}, stopAt?: string): Promise<{ url: URL; status: number; body: string }> {
    let current = new URL(url);
    let method = init.method ?? 'GET';
    let form = init.form;
    for (let hops = 0; hops < 20; hops++) {
      if (stopAt && current.href.startsWith(stopAt)) return { url: current, status: 0, body: '' };
      const res = await fetch(current, {
        method,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(current), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form?.toString(),
      });
      this.keep(current, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current);
        method = 'GET';
        form = undefined;
        continue;
      }
      return { url: current, status: res.status, body: await res.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Fills the page's first form with `fields` (over its hidden inputs) and submits it. */
  async submit(page: { url: URL; body: string }, fields: Record<string, string>, stopAt?: string) {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url}:\n${page.body.slice(0, 500)}`);
    const values = new URLSearchParams();
    for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (name) values.set(name, /value="([^"]*)"/.exec(input[0])?.[1] ?? '');
    }
    for (const [k, v] of Object.entries(fields)) values.set(k, v);
    return this.go(new URL(form[1].replace(/&amp;/g, '&'), page.url), { method: 'POST', form: values }, stopAt);
  }

  private cookieHeader(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, setCookies: string[]): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    this.cookies.set(url.host, jar);
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()) || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
}
