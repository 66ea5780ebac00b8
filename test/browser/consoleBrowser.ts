// Test support for the console's browser suite: Debian's Chromium driven by playwright-core (no
// browser download; CI installs chromium with apt), a fresh profile per run, every request the
// page makes recorded, and the few page actions the suite repeats.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of each step (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'console');

/** A running Chromium with one profile; `requests` lists every URL any of its pages asked for. */
export interface ConsoleBrowser {
  context: BrowserContext;
  requests: string[];
  close(): Promise<void>;
}

/** Launches Chromium headless with a fresh profile; fails loudly, with the install hint, when it is missing. */
export async function launchChromium(): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the console's browser suite needs it. Install it with \`apt-get install -y chromium\` (.ci/run does this on CI).`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'prolynk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the console in a new tab and waits for GraphiQL's editor. */
export async function openConsole(browser: ConsoleBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });
  return page;
}

/** Replaces the operation in the active GraphiQL tab (pasted as one input, so no auto-closing brackets). */
export async function setOperation(page: Page, operation: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  // GraphiQL copies the editor's text into its state (and storage) after a debounce; an execute
  // clicked before that runs nothing. Its stored query is the signal that the state has caught up.
  await page.waitForFunction((expected) => localStorage.getItem('graphiql:query') === expected, operation);
}

/** Runs the operation in the editor with GraphiQL's execute button. */
export async function runOperation(page: Page): Promise<void> {
  await page.locator('button.graphiql-execute-button').click();
}

/** The text of GraphiQL's response pane once it contains `expected`. */
export async function responseContaining(page: Page, expected: string): Promise<string> {
  const response = page.locator('.result-window');
  await response.getByText(expected, { exact: false }).first().waitFor({ timeout: 20_000 });
  return (await response.innerText()).replace(/\u00a0/g, ' ');
}

/** Saves a screenshot named after the step. */
export async function screenshot(page: Page, step: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${step}.png`) });
}
