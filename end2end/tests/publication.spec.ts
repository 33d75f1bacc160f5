import { type Page } from '@playwright/test';
import { createAdmin, expect, expectNoAxeViolations, logIn, stockholm, test, waitForHydration } from './helpers';

// The organiser writes a press release with the live preview and schedules it for the next
// minute; the public cannot see it before that minute and can from then. Meanwhile the
// organiser publishes an event, which the public finds among the upcoming ones. In order.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const organiser = `press.${stamp}@bra.se`;
const pressTitle = `Vinnaren av ECPA utses ${stamp}`;
const pressSlug = `vinnaren-av-ecpa-utses-${stamp}`;
const eventTitle = `Frukostseminarium ${stamp}`;
const eventSlug = `frukostseminarium-${stamp}`;
const minute = 60_000;
// When the press release becomes public: a whole minute, at least 25 seconds away.
let publicAt = 0;

async function expectNotPublic(page: Page) {
  await page.goto('/news');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(pressTitle);
  const res = await page.goto(`/news/${pressSlug}`);
  expect(res?.status()).toBe(404);
  const feed = await page.request.get('/feed.atom');
  expect(await feed.text()).not.toContain(pressSlug);
}

test('the organiser schedules a press release with a live preview', async ({ page }) => {
  createAdmin(organiser, 'Brå Press');
  await logIn(page, organiser);
  await page.getByRole('link', { name: 'Nyheter och pressmeddelanden' }).click();
  await expect(page).toHaveURL(/\/admin\/news$/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Skriv en ny text' }).click();
  await expect(page).toHaveURL(/\/admin\/news\/new$/);
  await waitForHydration(page);

  await page.getByLabel('Rubrik (svenska) *', { exact: true }).fill(pressTitle);
  await page.getByLabel('Ingress (svenska) *', { exact: true }).fill('Juryn har fattat sitt beslut.');
  await page
    .getByLabel('Text i Markdown (svenska) *', { exact: true })
    .fill('## Juryns beslut\n\nVinnaren presenteras **i dag**.\n\n<script>window.__xss = 1</script>');
  // The server renders and cleans the preview as it will when saving.
  const preview = page.getByRole('region', { name: 'Förhandsvisning (svenska)' });
  await expect(preview.getByRole('heading', { name: 'Juryns beslut' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('i dag');
  await expect(preview.locator('script')).toHaveCount(0);

  publicAt = Math.ceil((Date.now() + 25_000) / minute) * minute;
  await page.getByLabel('Publicera vid en viss tid', { exact: true }).check();
  await page.getByLabel('Tidpunkt (svensk tid)', { exact: true }).fill(stockholm(new Date(publicAt)));
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/news\/\d+\?saved=1$/);
  await expect(page.getByRole('status').first()).toContainText('Schemalagd');
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('the organiser publishes an event that the public finds among the upcoming ones', async ({ page, browser, browserErrors }) => {
  // The refused save (422) is the point.
  browserErrors.allow(/status of 422/);
  await logIn(page, organiser);
  await page.locator('main').getByRole('link', { name: 'Evenemang', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/events$/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Nytt evenemang' }).click();
  await waitForHydration(page);
  await page.getByLabel('Rubrik (svenska) *', { exact: true }).fill(eventTitle);
  await page.getByLabel('Ingress (svenska) *', { exact: true }).fill('Om årets tema och hur man söker.');
  const starts = Date.now() + 14 * 86_400_000;
  await page.getByLabel('Börjar (svensk tid) *', { exact: true }).fill(stockholm(new Date(starts)));
  await page.getByLabel('Slutar (svensk tid)', { exact: true }).fill(stockholm(new Date(starts + 90 * minute)));
  await page.getByLabel('Plats', { exact: true }).fill('Brå, Stockholm');
  await page.getByLabel('Hålls online', { exact: true }).check();
  // A link that is not a web address is refused, with the error at its field.
  await page.getByLabel('Länk till anmälan', { exact: true }).fill('javascript:alert(1)');
  const speaker = page.getByRole('group', { name: 'Medverkande 1', exact: true });
  await speaker.getByLabel('Namn', { exact: true }).fill('Lina Lindqvist');
  await speaker.getByLabel('Roll (svenska)', { exact: true }).fill('Utredare');
  await speaker.getByLabel('Organisation', { exact: true }).fill('Brå');
  await speaker.getByLabel('Moderator', { exact: true }).check();
  await page.getByLabel('Publicera nu', { exact: true }).check();
  await page.getByRole('button', { name: 'Spara evenemanget' }).click();
  const link = page.getByLabel('Länk till anmälan', { exact: true });
  await expect(link).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#entry-registration_url-error')).toHaveText(/webbadress|adress/i);
  await expectNoAxeViolations(page);
  await link.fill('https://bra.se/anmalan');
  await page.getByRole('button', { name: 'Spara evenemanget' }).click();
  await expect(page).toHaveURL(/\/admin\/events\/\d+\?saved=1$/);
  await expect(page.getByRole('status').first()).toContainText('Publicerad');
  await expectNoAxeViolations(page);

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto('/events');
  await waitForHydration(visitor);
  const upcoming = visitor.getByRole('region', { name: 'Kommande' });
  await upcoming.getByRole('link', { name: eventTitle }).click();
  await expect(visitor).toHaveURL(new RegExp(`/events/${eventSlug}$`));
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
  await expect(visitor.locator('main')).toContainText('Brå, Stockholm · Online');
  await expect(visitor.locator('main')).toContainText('Lina Lindqvist (Moderator)');
  await expect(visitor.getByRole('link', { name: 'Anmäl dig' })).toHaveAttribute('href', 'https://bra.se/anmalan');
  await expectNoAxeViolations(visitor);
  await context.close();
});

test('the public sees the press release from its minute, not before', async ({ page, browserErrors }) => {
  test.setTimeout(150_000);
  // Before the minute its address is a 404, which is the point.
  browserErrors.allow(/status of 404/);
  expect(publicAt).toBeGreaterThan(0);
  if (Date.now() < publicAt - 2_000) {
    await expectNotPublic(page);
  }
  await page.waitForTimeout(Math.max(0, publicAt - Date.now() + 1_000));
  await page.goto('/news');
  await waitForHydration(page);
  await page.getByRole('link', { name: pressTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/news/${pressSlug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pressTitle);
  await expect(page.getByRole('heading', { name: 'Juryns beslut' })).toBeVisible();
  await expect(page.locator('main script')).toHaveCount(0);
  await expectNoAxeViolations(page);
  const feed = await page.request.get('/feed.atom');
  expect(await feed.text()).toContain(`/news/${pressSlug}`);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('the results page of a published year is accessible to its organiser', async ({ page }) => {
  await logIn(page, organiser);
  for (const path of ['/admin/competitions/2022/results', '/en/admin/competitions/2022/results']) {
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator('#release-status')).toContainText(/publicerat|public/i);
    await expectNoAxeViolations(page);
  }
});

test('an older tab of a news item is refused rather than writing over the newer text, and what it sent is kept beside the form until discarded by keyboard', async ({ page }) => {
  await logIn(page, organiser);
  await page.goto('/admin/news/new');
  await waitForHydration(page);
  await page.getByLabel('Rubrik (svenska) *', { exact: true }).fill(`Utkast i två flikar ${stamp}`);
  await page.getByLabel('Ingress (svenska) *', { exact: true }).fill('Den första ingressen.');
  await page.getByLabel('Text i Markdown (svenska) *', { exact: true }).fill('Den första texten.');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/news\/\d+\?saved=1$/);
  const editor = new URL(page.url()).pathname;

  // A second tab opens the item; then the first saves a change.
  const older = await page.context().newPage();
  await older.goto(editor);
  await waitForHydration(older);
  await page.goto(editor);
  await waitForHydration(page);
  await page.getByLabel('Ingress (svenska) *', { exact: true }).fill('Ingressen från den första fliken.');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page).toHaveURL(/\?saved=1/);

  // The second tab's save is refused and says why. Its form shows what is saved, not what it
  // typed (the browser's script leaves it so), and what it typed is kept beside the form.
  await older.getByLabel('Ingress (svenska) *', { exact: true }).fill('Ingressen från den andra fliken.');
  await older.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(older.getByRole('alert').filter({ hasText: 'Det här har sparats i en annan flik eller av någon annan' })).toBeVisible();
  await expect(older.getByLabel('Ingress (svenska) *', { exact: true })).toHaveValue('Ingressen från den första fliken.');
  const copy = older.getByRole('region', { name: 'Din text som inte sparades' });
  await expect(copy).toContainText('Ingressen från den andra fliken.');
  await expect(copy).toContainText('Det hade sparats i en annan flik eller av någon annan efter att du öppnade sidan.');
  await expectNoAxeViolations(older);
  await copy.getByRole('button', { name: 'Ta bort den här kopian' }).focus();
  await older.keyboard.press('Enter');
  await expect(older.getByRole('status').filter({ hasText: 'Kopian är borttagen.' })).toBeVisible();
  await expect(copy).toHaveCount(0);
  await expectNoAxeViolations(older);
  await older.close();
});
