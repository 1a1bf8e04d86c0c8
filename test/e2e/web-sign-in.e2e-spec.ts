import { AA, call, CASE_OFFICER, E2E_FORCE, today } from '../support/api-client';
import { textOf, WebClient } from '../support/web-client';

/** Signing in to the web interface, sessions and forms, over HTTP as a browser without JavaScript meets them. */
describe('the web interface: sign-in, sessions and forms', () => {
  it('sends a visitor without a session to sign in, and back to the page they asked for', async () => {
    const web = new WebClient();
    const res = await web.get('/?stage=investigation');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-in?returnTo=%2F%3Fstage%3Dinvestigation');
  });

  it('keeps the session server-side, in an HttpOnly, Secure, SameSite cookie, and gives each page its own script nonce', async () => {
    const web = new WebClient();
    const page = await web.get('/sign-in');
    expect(page.status).toBe(200);
    const cookie = page.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/__Host-conduct-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(textOf(page.html)).toContain('This is the development sign-in of the embedded stack');
    // No crown, no GOV.UK font.
    expect(page.html).not.toMatch(/govuk-crest|GDS Transport|favicon\.ico/);
  });

  it('names each missing answer of the sign-in form in an error summary, and records nothing', async () => {
    const web = new WebClient();
    await web.get('/sign-in');
    const res = await web.post('/sign-in', { name: '', role: 'constable', forceId: '' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('<title>Error: Sign in – Misconduct proceedings</title>');
    const text = textOf(res.html);
    expect(text).toContain('There is a problem Enter your name Select your role Enter your force');
    expect((await web.get('/')).status).toBe(303);
  });

  it('refuses a form without its session\'s CSRF token, and one sent with another session\'s', async () => {
    const web = new WebClient();
    await web.get('/sign-in');
    expect((await web.post('/sign-in', { name: 'Sam', role: 'case-officer', forceId: E2E_FORCE }, { csrf: null })).status).toBe(403);
    const other = new WebClient();
    await other.get('/sign-in');
    expect((await web.post('/sign-in', { name: 'Sam', role: 'case-officer', forceId: E2E_FORCE }, { csrf: other.csrfToken })).status).toBe(403);
    expect((await web.get('/')).status).toBe(303);
  });

  it('signs in with a new session (the one before sign-in is ended), shows My work with the matter owing a deadline, and signs out', async () => {
    const reference = `WEB-SIGNIN-${Date.now()}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: E2E_FORCE, receivedOn: today(), appropriateAuthority: 'DCS Web', subjects: [{ subjectId: 'a', kind: 'police-officer', rank: 'PC', warrantNumber: '7007' }] }, CASE_OFFICER);
    expect(referred.status).toBe(201);
    const web = new WebClient();
    const before = await web.get('/sign-in');
    const anonymous = before.headers.getSetCookie()[0].split(';')[0];
    await web.signIn({ ...AA, name: 'Alex Authority' });
    const home = await web.get(`/?search=7007`);
    expect(home.status).toBe(200);
    const text = textOf(home.html);
    expect(text).toContain('Alex Authority · Appropriate authority · e2e-force');
    expect(text).toContain(reference);
    expect(text).toMatch(/working days? left|Due today|Overdue/);
    // The session from before sign-in was never promoted: it is not signed in.
    const stale = await fetch(`${web.base}/`, { redirect: 'manual', headers: { cookie: anonymous } });
    expect(stale.status).toBe(303);

    const out = await web.post('/sign-out', {});
    expect(out.status).toBe(303);
    expect((await web.get('/')).status).toBe(303);
  });

  it('answers a wrong filter with the field named, not an error page', async () => {
    const web = new WebClient();
    await web.signIn(CASE_OFFICER);
    const res = await web.get('/?stage=lunch&dueWithin=7');
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain('Stage must be one of');
    expect(textOf(res.html)).toContain('Due within must be one of 5, 10, 20, 60 working days');
  });
});
