// Debian's headless Chromium, driven by playwright-core (no browser download). .ci/run installs it.
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * A browser for a test file. Chromium is started once per test worker and shared by the files it runs
 * (starting and stopping it cost 1.9 s a file, some thirty files); each file's handle opens pages and
 * contexts of its own, and its `close` closes those alone. Playwright stops Chromium when the worker
 * exits.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!shared || !(await shared).isConnected()) shared = launch();
  const browser = await shared;
  const opened: BrowserContext[] = [];
  const own = (context: BrowserContext) => {
    opened.push(context);
    return context;
  };
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext')
        return async (...args: Parameters<Browser['newContext']>) => own(await target.newContext(...args));
      if (property === 'newPage')
        return async (...args: Parameters<Browser['newPage']>) => {
          const page = await target.newPage(...args);
          own(page.context());
          return page;
        };
      if (property === 'close')
        return async () => {
          await Promise.all(opened.splice(0).map((context) => context.close().catch(() => undefined)));
        };
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

let shared: Promise<Browser> | null = null;

/** Stops the shared Chromium: a script (not a test worker) does, or it would not exit. */
export async function stopBrowser() {
  const browser = await shared;
  shared = null;
  await browser?.close();
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe on the page as it is and returns the serious and critical WCAG 2.1 A/AA violations. */
export async function seriousA11yViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
