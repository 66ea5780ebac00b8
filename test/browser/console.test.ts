// The local console in a real browser (Debian's Chromium via playwright-core) against the run's
// local stack: load it, sign in as a new local user through the real Cognito triggers, run
// saveProfile, find the item in the data view, watch a subscription in one tab receive the event
// caused by a save in another, and run a resolver test through EvaluateCode. Screenshots of every
// step land in test-results/console/ (git-ignored).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConsoleBrowser } from './consoleBrowser.ts';
import {
  launchChromium,
  openConsole,
  responseContaining,
  runOperation,
  screenshot,
  setOperation,
} from './consoleBrowser.ts';

const stack = inject('localStack');
const username = `web${Math.random().toString(36).slice(2, 9)}`;
const email = `${username}@example.com`;

let browser: ConsoleBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openConsole(browser, stack.consoleUrl);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** The text of the first element `locator` matches, once one is there. */
async function textOf(locator: Locator, timeout = 10_000): Promise<string> {
  await locator.first().waitFor({ timeout });
  return locator.first().innerText();
}

/**
 * `locator` once the page showing it is open: the run's other suites write to the same tables, so
 * the item may be past the first page (25 items) of the Scan.
 */
async function pageUntilShown(locator: Locator): Promise<Locator> {
  await page.getByTestId('item-row').first().waitFor({ timeout: 10_000 });
  const next = page.getByTestId('next-page');
  while ((await locator.count()) === 0 && (await next.isEnabled())) {
    // Page-side expressions as strings: this file is compiled without the DOM's types.
    const firstRow = `document.querySelector('[data-testid="item-row"]')?.textContent ?? null`;
    const shown = await page.evaluate<string | null>(firstRow);
    await next.click();
    await page.waitForFunction(`${firstRow} !== ${JSON.stringify(shown)}`, undefined, { timeout: 10_000 });
  }
  return locator;
}

describe('the local console in Chromium', () => {
  it('loads from the stack with the deployed schema, API key prefilled, nothing from the network', async () => {
    expect(await page.getByTestId('auth-mode').inputValue()).toBe('API_KEY');
    expect(await page.getByTestId('api-key').innerText()).toBe(stack.apiKey);
    // Schema docs come from introspection of the local endpoint, AppSync's types included.
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    await page.getByText('Mutation', { exact: true }).first().waitFor();
    await screenshot(page, '01-loaded');
    const origin = new URL(stack.consoleUrl).origin;
    const foreign = browser.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
  });

  it('signs in as a new local user, created through the real sign-up triggers', async () => {
    await page.getByTestId('sign-in-open').click();
    await page.getByTestId('new-username').fill(username);
    await page.getByTestId('new-email').fill(email);
    await page.getByTestId('create-user').click();
    await expect.poll(() => textOf(page.getByTestId('signed-in-as')), { timeout: 20_000 }).toContain(username);
    expect(await page.getByTestId('auth-mode').inputValue()).toBe('AMAZON_COGNITO_USER_POOLS');
    await screenshot(page, '02-signed-in');
  });

  it('runs saveProfile as that user', async () => {
    await setOperation(
      page,
      `mutation { saveProfile(input: { fullName: "Ada Browser", bio: "Saved from Chromium" }) { username fullName bio } }`,
    );
    await runOperation(page);
    const response = await responseContaining(page, 'Saved from Chromium');
    expect(response).toContain(`"username": "${username}"`);
    await screenshot(page, '03-save-profile');
  });

  it('shows the saved item in the data view', async () => {
    await page.getByTestId('tab-data').click();
    await page.getByTestId(/^table-.*-profiles$/).click();
    const row = page.getByTestId('item-row').filter({ hasText: username });
    expect(await textOf(await pageUntilShown(row))).toContain('Saved from Chromium');
    await screenshot(page, '04-data-view');
  });

  it('delivers the event of a save in one tab to a subscription in another', async () => {
    const watcher = await openConsole(browser, stack.consoleUrl);
    await setOperation(watcher, `subscription { onProfileEvent(username: "${username}") { username kind profile } }`);
    await runOperation(watcher);
    // Registered once AppSync's start_ack is back, which the page shows.
    await watcher.getByTestId('subscriptions-active').waitFor();

    await page.getByTestId('tab-graphql').click();
    await setOperation(page, `mutation { saveProfile(input: { bio: "Seen live in the other tab" }) { username bio } }`);
    await runOperation(page);
    await responseContaining(page, 'Seen live in the other tab');

    const event = watcher.getByTestId('subscription-event').filter({ hasText: 'Seen live in the other tab' });
    expect(await textOf(event, 20_000)).toContain('UPDATED');
    expect(await event.count()).toBe(1);
    await screenshot(watcher, '05-subscription-event');
    await watcher.close();
  });

  it('runs a resolver test through EvaluateCode', async () => {
    await page.getByTestId('tab-resolvers').click();
    await page.getByTestId('resolver-Query.usernameAvailable').click();
    expect(await textOf(page.getByTestId('resolver-data-source'))).toContain('AMAZON_DYNAMODB');
    const context = page.getByTestId('run-test-context');
    const edited = JSON.parse(await context.inputValue()) as Record<string, any>;
    edited.arguments = { username: 'Ada_Lovelace' };
    await context.fill(JSON.stringify(edited, null, 2));
    await page.getByTestId('run-test-button').click();
    const result = await textOf(page.getByTestId('evaluation-result'));
    expect(result).toContain('GetItem');
    expect(result).toContain('ada_lovelace');
    await screenshot(page, '06-resolver-test');
  });

  it('queries under IAM, signed with SigV4 in the browser', async () => {
    await page.getByTestId('tab-graphql').click();
    await page.getByTestId('auth-mode').selectOption('AWS_IAM');
    await setOperation(page, `query { profile(username: "${username}") { username bio isOwner } }`);
    await runOperation(page);
    const response = await responseContaining(page, 'Seen live in the other tab');
    expect(response).toContain('"isOwner": false');
  });

  it('lists the requests live in the request log, failures highlighted', async () => {
    await page.getByTestId('auth-mode').selectOption('API_KEY');
    await setOperation(page, `mutation { saveProfile(input: { bio: "refused" }) { username } }`);
    await runOperation(page);
    await responseContaining(page, 'Unauthorized');
    await page.getByTestId('tab-log').click();
    await expect
      .poll(() => textOf(page.locator('.log-line.error').last()))
      .toMatch(/200 .* auth=API_KEY .*errors=Unauthorized/);
    for (const mode of ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM']) {
      expect(
        await textOf(
          page
            .getByTestId('log-line')
            .filter({ hasText: `auth=${mode}` })
            .first(),
        ),
      ).toMatch(/^\S+ 200 /);
    }
    await screenshot(page, '07-request-log');
  });
});
