import { execFileSync } from 'node:child_process';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
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

/**
 * Every test fails on an error in any of its browser pages: an uncaught exception (a Rust
 * panic is one: the panic hook logs it, and the wasm traps) or a console error, including a
 * refused script or stylesheet and a failed request. A test that provokes an error on purpose
 * (a 404 page, a refused save) says so with `browserErrors.allow(/status of 404/)`.
 */
type BrowserErrors = { seen: string[]; allow: (pattern: RegExp) => void };

export const test = base.extend<{ browserErrors: BrowserErrors }>({
  browserErrors: [
    async ({ page, browser }, use) => {
      const seen: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (p: Page) => {
        p.on('pageerror', (e) => seen.push(`${p.url()}: pageerror: ${e.message}`));
        p.on('console', (m) => {
          if (m.type() === 'error') seen.push(`${p.url()}: console: ${m.text()}`);
        });
      };
      watch(page);
      page.context().on('page', watch);
      // Pages of contexts the test opens itself (other people in the same journey).
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const context = await newContext(...args);
        context.on('page', watch);
        return context;
      };
      await use({ seen, allow: (pattern) => allowed.push(pattern) });
      browser.newContext = newContext;
      const unexpected = seen.filter((e) => !allowed.some((a) => a.test(e)));
      expect(unexpected, 'errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Waits until the page's islands have hydrated (the loader then sets `data-hydrated`; a page
 * without islands gets it at once). A page that does not hydrate fails, with what it loaded.
 */
export async function waitForHydration(page: Page) {
  const started = Date.now();
  try {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 10_000 });
  } catch (e) {
    throw new Error(`${await diagnose(page)}\n${e}`);
  }
  const took = Date.now() - started;
  if (took > 3_000) console.log(`slow hydration: ${page.url()} took ${took} ms`);
}

/** Goes to `path` and waits until its islands have hydrated. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
}

async function diagnose(page: Page): Promise<string> {
  const loaded = await page
    .evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => `${r.name} ${(r as PerformanceResourceTiming).responseStatus ?? ''} ${Math.round(r.duration)} ms`),
    )
    .catch(() => []);
  const html = await page.content().catch(() => '');
  return `${page.url()} did not hydrate.\nresources:\n  ${loaded.join('\n  ')}\nhtml: ${html.length} chars`;
}

/**
 * Tabs from the first focusable control inside `container` until focus leaves it, and checks at
 * every stop that the focused control is on screen and that no other element (a sticky bar, a
 * header) lies over any part of it: WCAG 2.2 SC 2.4.11, which axe cannot test. Returns how
 * many controls it visited.
 */
export async function expectFocusNeverObscured(page: Page, container: Locator, maxTabs = 200) {
  const first = container.locator('input:not([type=hidden]), textarea, select, button, a[href]').first();
  await first.focus();
  let visited = 0;
  for (let i = 0; i < maxTabs; i++) {
    const state = await page.evaluate((root) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !root.contains(el)) return { inside: false };
      const r = el.getBoundingClientRect();
      const top = Math.max(r.top, 0);
      const bottom = Math.min(r.bottom, window.innerHeight);
      const left = Math.max(r.left, 0);
      const right = Math.min(r.right, window.innerWidth);
      const name = `${el.tagName.toLowerCase()}#${el.id || ''}[${el.getAttribute('name') ?? ''}] ${(el.textContent ?? '').trim().slice(0, 40)}`;
      if (bottom - top < 1 || right - left < 1) return { inside: true, name, problem: 'off screen' };
      // Points just inside the control, clear of its rounded corners: a corner's pixels outside
      // the curve belong to what is behind it, and with the box on a fractional position the
      // curve can take a point 2 px in from the corner (seen on the entry form).
      const radius = parseFloat(getComputedStyle(el).borderTopLeftRadius) || 0;
      const inset = (a: number, b: number) => {
        const d = Math.min(2 + radius, (b - a) / 2);
        return [a + d, b - d];
      };
      const [x0, x1] = inset(left, right);
      const [y0, y1] = inset(top, bottom);
      const points = [
        [x0, y0], [x1, y0], [x0, y1], [x1, y1], [(x0 + x1) / 2, (y0 + y1) / 2],
      ];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        const own = hit && (hit === el || el.contains(hit) || [...((el as HTMLInputElement).labels ?? [])].some((l) => l.contains(hit)));
        if (!own) {
          const by = hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : 'nothing';
          return { inside: true, name, problem: `covered at (${Math.round(x)}, ${Math.round(y)}) by ${by}` };
        }
      }
      return { inside: true, name };
    }, await container.elementHandle());
    if (!state.inside) break;
    visited++;
    expect(state.problem, `focused ${state.name}`).toBeUndefined();
    await page.keyboard.press('Tab');
  }
  expect(visited, 'controls reached by Tab').toBeGreaterThan(1);
  return visited;
}

/**
 * Nothing of a chart is clipped or cut: every visible part lies inside the chart's figure, and
 * no text is wider than its own box. Checked at whatever width the page has now.
 */
export async function expectNothingClipped(chart: Locator) {
  const problems = await chart.evaluate((figure) => {
    const box = figure.getBoundingClientRect();
    const out: string[] = [];
    for (const el of figure.querySelectorAll('*')) {
      // Text for screen readers only is clipped to nothing on purpose.
      if (el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const what = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`${what} reaches outside the chart`);
      if (el instanceof HTMLElement && getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${what} is wider than its box`);
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
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
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('E-postadress *', { exact: true }).fill(email);
  await page.getByLabel('Lösenord *', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}
