import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the current page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Collects console errors and uncaught exceptions, e.g. hydration mismatches. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

const seen = new WeakMap<Page, string[]>();

/** Starts recording a page's errors (once per page), for `waitForHydration` to report. */
export function watch(page: Page): string[] {
  let errors = seen.get(page);
  if (!errors) {
    errors = collectErrors(page);
    page.on('requestfailed', (r) => errors!.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    seen.set(page, errors);
  }
  return errors;
}

/**
 * Waits until the page has hydrated. If it does not, the report says what the page loaded and
 * what errors it reported (`errors`, or those `watch` recorded).
 */
export async function waitForHydration(page: Page, errors?: string[]) {
  watch(page);
  const hydrated = () =>
    expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
  const started = Date.now();
  try {
    await hydrated();
    const took = Date.now() - started;
    if (took > 3_000) console.log(`slow hydration: ${page.url()} took ${took} ms`);
    return;
  } catch {
    // A known, rare defect (see the issue notes): now and then a page loads its script and wasm
    // without an error and never hydrates. It is reported here, with what the page loaded, and
    // the page is loaded once more; a second failure fails the test.
    console.log(`HYDRATION HANG (reloading once): ${await diagnose(page, errors)}`);
  }
  await page.reload();
  try {
    await hydrated();
  } catch (e) {
    throw new Error(`${await diagnose(page, errors)}\n${e}`);
  }
}

async function diagnose(page: Page, errors?: string[]): Promise<string> {
  const loaded = await page
    .evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => `${r.name} ${(r as PerformanceResourceTiming).responseStatus ?? ''} ${Math.round(r.duration)} ms`),
    )
    .catch(() => []);
  const html = await page.content().catch(() => '');
  return (
    `${page.url()} did not hydrate.\nresources:\n  ${loaded.join('\n  ')}\n` +
    `errors:\n  ${(errors ?? seen.get(page) ?? []).join('\n  ')}\n` +
    `html: ${html.length} chars`
  );
}

/** The password every account of the e2e run uses. */
export const password = 'lingon-cykel-fjäll-7';

/** Makes `email` an admin with the same binary and database as the server under test. */
export function createAdmin(email: string, name: string): string {
  return execFileSync(process.env.ECPA_E2E_BIN!, ['create-admin', '--email', email, '--name', name], {
    env: { ...process.env, DATABASE_URL: process.env.ECPA_E2E_DATABASE_URL, ECPA_ADMIN_PASSWORD: password },
  }).toString();
}

/** Stockholm wall time as a `datetime-local` value. */
export function stockholm(d: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export async function logIn(page: Page, email: string) {
  watch(page);
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('E-postadress *', { exact: true }).fill(email);
  await page.getByLabel('Lösenord *', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}
