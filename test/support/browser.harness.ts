import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it); driven by playwright-core, which brings no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
// Generous: a busy 2-core CI machine renders and navigates slowly (and a reconciliation run's page reloads itself every 2 s).
const UI_TIMEOUT_MS = 30_000;

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
}

export interface BrowserHarness {
  /** A page in a context of its own (its own cookies), closed after the test. */
  newPage(): Promise<OpenedPage>;
  /** A new page through the admin sign-in form at `middleware` with `token`; it does not wait for the page signed in. */
  signIn(middleware: string, token: string): Promise<OpenedPage>;
  /** A full-page screenshot under test-output/<folder>/<name>.png. */
  shot(page: Page, name: string): Promise<Buffer>;
}

/**
 * One headless chromium for a spec file, launched before its tests and closed after them;
 * each page opened gets its own context, closed after its test. Call it in the describe
 * block, after `harnessPerSpecFile`, as the hooks it adds run in the order they were added.
 */
export function browserPerSpecFile(screenshotFolder: string): BrowserHarness {
  const screenshots = join(__dirname, '..', '..', 'test-output', screenshotFolder);
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const newPage = async (): Promise<OpenedPage> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    contexts.push(context);
    return { page: await context.newPage(), context };
  };

  return {
    newPage,
    async signIn(middleware, token) {
      const opened = await newPage();
      await opened.page.goto(`${middleware}/admin`);
      await opened.page.getByLabel('Admin token').fill(token);
      await opened.page.getByRole('button', { name: 'Sign in' }).click();
      return opened;
    },
    shot: (page, name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true }),
  };
}
