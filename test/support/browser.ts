/**
 * The browser tests' harness: headless Chromium driven by playwright-core (which never downloads a browser:
 * `npm test` finds or installs one and passes it as CONDUCT_CHROMIUM_PATH, see tools/toolchain/chromium.js),
 * a fresh context per test as a case worker in England and Wales would have it, axe-core for WCAG 2.2 AA, and
 * screenshots for the README.
 *
 *   const browser = useBrowser();                 // one Chromium per test file
 *   it('...', async () => { const page = await browser.page(); ... await expectAccessible(page); });
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

// What the functions passed to page.evaluate() use of the page's DOM (the project compiles without the DOM lib).
interface PageElement {
  tagName: string;
  id: string;
  classList: Iterable<string>;
  matches(selector: string): boolean;
}
declare const document: { activeElement: PageElement | null };

/** The axe-core tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the UK public sector must meet. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;
/** Screenshots are taken this wide (full page, so the height follows the content). */
export const SCREENSHOT_WIDTH = 1280;
/**
 * docs/screenshots (the README's) when UPDATE_SCREENSHOTS=1; otherwise a folder under the system's temporary one, so a
 * test run leaves the clone as it found it (the pages show today's dates, so every run's pictures differ).
 */
export const SCREENSHOTS_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : path.join(os.tmpdir(), 'conduct-screenshots');

export function chromiumPath(): string {
  const found = process.env.CONDUCT_CHROMIUM_PATH;
  if (!found) throw new Error('CONDUCT_CHROMIUM_PATH is not set: run the browser tests with `npm test` (it finds or installs Chromium), or set it');
  return found;
}

export async function launchChromium(): Promise<Browser> {
  // Chromium's sandbox refuses to run as root; as any other user it stays on.
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

export interface BrowserHandle {
  /** A page in this test's own context (cookies and storage are not shared between tests). */
  page(): Promise<Page>;
  /** A page in a context of its own: another person at another browser, in the same test. */
  person(): Promise<Page>;
}

/** One Chromium for the file (launched in beforeAll), one context per test (closed after it). */
export function useBrowser(): BrowserHandle {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let others: BrowserContext[] = [];
  const newContext = () => browser!.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: SCREENSHOT_WIDTH, height: 800 } });
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    for (const c of others) await c.close();
    others = [];
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async page() {
      if (!browser) throw new Error('useBrowser(): the browser is not started (call useBrowser() at the top of the describe)');
      context ??= await newContext();
      return context.newPage();
    },
    async person() {
      if (!browser) throw new Error('useBrowser(): the browser is not started (call useBrowser() at the top of the describe)');
      const c = await newContext();
      others.push(c);
      return c.newPage();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[] }[];
}

let axeSource: string | undefined;

/** Runs axe-core in the page with the WCAG 2.x A and AA rules and returns what it found. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern (a script tag
  // would be refused by it, rightly: the interface allows no inline script but its own nonce's).
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, [...WCAG_AA_TAGS]);
}

/** One line per violation: rule id, impact, what it asks, and the first three elements it found. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
      const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
      return `- ${v.id} (${v.impact ?? 'no impact given'}): ${v.help} — ${targets}${more}`;
    })
    .join('\n');
}

/** Fails with a readable list when axe-core finds any WCAG 2.2 A/AA violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`${page.url()} has ${violations.length} accessibility violation(s) (axe-core, WCAG 2.2 A/AA):\n${describeViolations(violations)}`);
}

/** The whole page, 1280 wide, as <SCREENSHOTS_DIR>/<name>.png (the README shows docs/screenshots). Returns the file. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot name "${name}": lower-case letters, digits and hyphens only`);
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  const height = page.viewportSize()?.height ?? 800;
  await page.setViewportSize({ width: SCREENSHOT_WIDTH, height });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Signs in by the development sign-in as a person of a role and force (the e2e force unless named), and waits for My work. */
export async function signInAs(page: Page, base: string, who: { name: string; role: string; force: string; forces?: string }): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByRole('radio', { name: who.role.charAt(0).toUpperCase() + who.role.slice(1).replace(/-/g, ' '), exact: true }).check();
  await page.getByLabel('Your force').fill(who.force);
  if (who.forces) await page.getByLabel(/Other forces you may see/).fill(who.forces);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

/** Presses Tab until `selector` has the focus (at most `limit` presses): proves it is reachable by keyboard. */
export async function tabTo(page: Page, selector: string, limit = 50): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached in ${limit} presses of Tab`);
}

/** The element that has the keyboard focus, as tag#id.class (for assertions on focus order). */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
  });
}
