import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { apiUrl } from '../../support/api-client';
import { axeViolations, expectAccessible, screenshot, tabTo, useBrowser } from '../../support/browser';

/**
 * The browser harness itself, on what exists today: the API's documentation page in headless Chromium, and
 * axe-core telling an accessible page from one with a known fault.
 */
const browser = useBrowser();

const PAGE = (body: string) =>
  `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Harness check</title></head><body><main><h1>Harness check</h1>${body}</main></body></html>`;
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
let server: http.Server;
let base = '';

beforeAll(async () => {
  const pages: Record<string, string> = {
    '/clean': PAGE(`<img src="${PIXEL}" alt="A one-pixel image"><p><a href="#top">Back to top</a></p>`),
    '/no-alt': PAGE(`<img src="${PIXEL}"><p><a href="#top">Back to top</a></p>`),
  };
  server = http.createServer((req, res) => {
    const html = pages[req.url ?? ''];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('the browser harness', () => {
  it("opens the API's documentation in Chromium and saves a full-page PNG of it for the README", async () => {
    const page = await browser.page();
    await page.goto(`${apiUrl()}/docs`);
    // The page's title is rendered by script: waiting for it shows the page ran in the browser.
    await expect(page.locator('.swagger-ui .info .title').first().textContent({ timeout: 30_000 })).resolves.toContain('Misconduct proceedings engine');
    const file = await screenshot(page, 'api-docs');
    const png = fs.readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1280); // the IHDR width
  });

  it('reports an image without a text alternative, naming the rule and the element', async () => {
    const page = await browser.page();
    await page.goto(`${base}/no-alt`);
    expect((await axeViolations(page)).map((v) => v.id)).toEqual(['image-alt']);
    await expect(expectAccessible(page)).rejects.toThrow(/- image-alt \(critical\): Images must have alternative text — img/);
  });

  it('passes a page with no violation, and reaches its link with the keyboard', async () => {
    const page = await browser.page();
    await page.goto(`${base}/clean`);
    await expectAccessible(page);
    await tabTo(page, 'a[href="#top"]');
  });
});
