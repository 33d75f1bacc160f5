import { type Locator, type Page } from '@playwright/test';
import { createAdmin, expect, expectFocusNeverObscured, expectNoAxeViolations, logIn, password, stockholm, test, waitForHydration } from './helpers';
import { linkIn, plain, waitForMail } from './smtp-sink';

// The organiser opens a year; an applicant then goes from the call to action to a submitted
// entry and its receipt, using only the keyboard. In order, on the shared database.
test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-US' });

const stamp = Date.now();
const organiser = `organiser.${stamp}@bra.se`;
const applicant = `lena.${stamp}@orebro.se`;
let entryPath = '';

/** Presses Tab until `target` has focus: proof that the keyboard reaches it. */
async function tabTo(page: Page, target: Locator, maxTabs = 80) {
  for (let i = 0; i < maxTabs; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard did not reach ${target} in ${maxTabs} tabs`);
}

async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** Opens the entry that the applicant's journey started, and waits for its form to hydrate. */
async function openEntry(page: Page) {
  expect(entryPath, 'the journey started an entry').not.toBe('');
  await page.goto(entryPath);
  await waitForHydration(page);
}

test('the organiser opens a competition year with the default rubric', async ({ page }) => {
  createAdmin(organiser, 'Brå Organiser');
  await logIn(page, organiser);
  await page.getByRole('link', { name: 'Tävlingsår' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tävlingsår');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Nytt tävlingsår' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nytt tävlingsår');
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByLabel('År *', { exact: true }).fill('2027');
  await page.getByLabel('Tema på svenska *').fill('Att förebygga återfall i brott');
  await page.getByLabel('Tema på engelska').fill('Preventing reoffending');
  await page.getByLabel('Beskrivning på svenska *').first().fill('Tävlingen söker insatser som minskar återfall i brott.');
  const now = Date.now();
  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(now - 86_400_000)));
  await page.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(now + 60 * 86_400_000)));
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page).toHaveURL(/\/admin\/competitions\/2027\?saved=1$/);
  await expect(page.getByRole('status').first()).toHaveText('Tävlingsåret är sparat.');
  await expectNoAxeViolations(page);
  await page.goto('/admin/competitions/2027/entries');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granskning av bidrag 2027');
  await expectNoAxeViolations(page);
});

test('the year page counts down to the open deadline, kept current in the browser', async ({ page, request }) => {
  // The deadline, from the server-rendered page.
  const html = await (await request.get('/competitions/2027')).text();
  const deadline = Number(html.match(/data-deadline="(\d+)"/)![1]);
  // The browser's clock 2 days, 3 hours, 5 minutes and 30 seconds before it; the server's text
  // (from the real clock) says something else, so what the page shows is the script's.
  await page.clock.install({ time: (deadline - (2 * 86_400 + 3 * 3_600 + 5 * 60 + 30)) * 1000 });
  await page.goto('/competitions/2027');
  await waitForHydration(page);
  const countdown = page.locator('.countdown');
  await expect(countdown).toHaveText('2 dagar, 3 timmar och 5 minuter');
  await page.clock.runFor(60_000);
  await expect(countdown).toHaveText('2 dagar, 3 timmar och 4 minuter');
  // The same in English, with the English units.
  await page.goto('/en/competitions/2027');
  await expect(page.locator('.countdown')).toHaveText(/^2 days, 3 hours and [34] minutes$/);
  // A public page with a countdown loads no wasm.
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('.wasm')).length);
  expect(wasm).toBe(0);
});

test('an applicant goes from the call to action to a new entry by keyboard alone', async ({ page }) => {
  // An account (the registration itself is the accounts journey).
  await page.goto('/register');
  await waitForHydration(page);
  await page.getByLabel('Namn *', { exact: true }).fill('Lena Holm');
  await page.getByLabel('E-postadress *', { exact: true }).fill(applicant);
  await page.getByLabel('Lösenord *', { exact: true }).fill(password);
  await page.getByLabel('Organisationens namn *', { exact: true }).fill('Örebro kommun');
  await page.getByLabel('Typ av organisation *', { exact: true }).selectOption('municipality');
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await expect(page).toHaveURL(/\/register\/sent$/);
  await page.goto(linkIn(await waitForMail(applicant), '/verify-email'));
  await logIn(page, applicant);

  // From here on: the keyboard only.
  await page.goto('/competitions/2027');
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await expect(page.getByRole('heading', { name: 'Bedömningskriterier' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Starta ett bidrag' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/entries\?year=2027$/);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  // Exactly: another country's round open at the same time on the shared database adds a
  // button of its own ("Starta ett bidrag – Nederländerna").
  await tabTo(page, page.getByRole('button', { name: 'Starta ett bidrag', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/entries\/\d+$/);
  entryPath = new URL(page.url()).pathname;
  await waitForHydration(page);
  await expect(page.getByText('Inte inskickat – bidraget är ett utkast.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the applicant writes the entry by keyboard alone, saved as they go', async ({ page }) => {
  await logIn(page, applicant);
  await openEntry(page);
  const indicator = page.locator('#save-state');
  await typeInto(page, page.getByLabel('Projektets titel *'), 'Trygg hemkomst');
  await expect(indicator).toHaveText(/Osparade ändringar|Sparar …|Sparat kl\. \d\d\.\d\d/);
  const start = page.getByLabel('Startdatum *');
  await tabTo(page, start);
  await page.keyboard.type('03012021');
  await expect(start).toHaveValue('2021-03-01');
  await typeInto(page, page.getByLabel('Namn', { exact: true }).first(), 'Lena Holm');
  await typeInto(page, page.getByLabel('E-post', { exact: true }).first(), applicant);
  const sections = [
    'Projektbeskrivning (en sida) *',
    'Problem och bakgrund *',
    'Mål *',
    'Målgrupp *',
    'Metod och aktiviteter *',
    'Partner och samverkan *',
    'Resurser och finansiering *',
    'Utvärdering och resultat *',
    'Möjlighet att genomföra i andra länder *',
    'Koppling till årets tema *',
  ];
  for (const label of sections) {
    await typeInto(page, page.getByLabel(label, { exact: true }), `Text om ${label.replace(' *', '').toLowerCase()}.`);
  }
  await expect(page.locator('#entry-description-count')).toHaveText('5 av 600 ord');
  await typeInto(page, page.getByLabel('Kort offentlig sammanfattning på svenska *'), 'Stöd till unga som lämnar anstalt.');
  await tabTo(page, page.getByLabel('Vi samtycker till att sammanfattningen publiceras'));
  await page.keyboard.press('Space');
  for (const check of await page.locator('#entry-checklist input[type=checkbox]').all()) {
    await tabTo(page, check);
    await page.keyboard.press('Space');
    await expect(check).toBeChecked();
  }
  // The autosave indicator: saved, with the time.
  await expect(indicator).toHaveText(/^Sparat kl\. \d\d\.\d\d$/, { timeout: 15_000 });
  await expectNoAxeViolations(page);
});

test('the applicant uploads a PDF, previews and submits the entry by keyboard alone', async ({ page }) => {
  await logIn(page, applicant);
  await openEntry(page);

  // A PDF, chosen and uploaded from the keyboard, with progress shown.
  const fileInput = page.getByLabel('Fil att ladda upp');
  // Space on the focused file input opens the chooser. Playwright intercepts choosers only
  // while something listens for them, and asks the browser to with a message it does not wait
  // for, handled beside the next one: a listener added just before the key press could reach
  // the browser after it, and the chooser then opened unintercepted and closed at once. So the
  // listener comes first, and the round trips of moving the focus follow it.
  const opened = page.waitForEvent('filechooser');
  // From the top of the page, past the whole form.
  await tabTo(page, fileInput, 150);
  await page.keyboard.press('Space');
  const chooser = await opened;
  await chooser.setFiles({
    name: 'utvardering.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
  });
  await tabTo(page, page.getByRole('button', { name: 'Ladda upp', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#upload-status')).toContainText('Filen är uppladdad.');
  await expect(page.getByRole('link', { name: 'utvardering.pdf' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Preview: saved first, then the whole entry read-only.
  await tabTo(page, page.getByRole('button', { name: 'Förhandsgranska och skicka in' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/entries\/\d+\/preview$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Bidraget är komplett och kan skickas in.' })).toBeVisible();
  await expect(page.locator('.entry-document')).toContainText('Trygg hemkomst');
  await expect(page.locator('.entry-document')).toContainText('utvardering.pdf');
  await expectNoAxeViolations(page);

  // Submit, and see it unmistakably.
  await tabTo(page, page.getByRole('button', { name: 'Skicka in bidraget' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Bidraget är inskickat' })).toBeVisible();
  await expect(page.locator('.status-banner')).toContainText(/Inskickat \d+ \w+ \d{4} kl\. \d\d\.\d\d/);
  const reference = (await page.locator('.status-banner .meta strong').textContent())!.trim();
  expect(reference).toMatch(/^ECPA-2027-\d{4}$/);
  await expectNoAxeViolations(page);

  // The receipt, with the reference number.
  const receipt = await waitForMail(applicant, reference);
  expect(plain(receipt)).toContain(reference);
  expect(plain(receipt)).toContain('Trygg hemkomst');

  // The history has version 1.
  await page.goto(new URL(page.url()).pathname.replace(/\/preview$/, '/history'));
  await expect(page.getByRole('link', { name: 'Version 1' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('keyboard focus is never hidden behind the save bar on the entry form', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, applicant);
  await openEntry(page);
  // Every control of the form, the save bar's own buttons included, then the attachments.
  const controls = await expectFocusNeverObscured(page, page.locator('#entry-form'));
  expect(controls).toBeGreaterThan(40);
  await expectFocusNeverObscured(page, page.locator('#attachments'));
});

test('a save refused in a stale tab keeps the text for its writer, found and discarded by keyboard', async ({ context, browserErrors }) => {
  // The stale tab's refused save (409) is the point.
  browserErrors.allow(/status of 409/);
  const first = await context.newPage();
  await logIn(first, applicant);
  const second = await context.newPage();
  for (const tab of [first, second]) {
    await openEntry(tab);
  }
  // The first tab saves; the second, opened before that, is now stale and is refused.
  await typeInto(first, first.getByLabel('Mål *', { exact: true }), ' Färre återfall.');
  await expect(first.locator('#save-state')).toHaveText(/^Sparat kl\. \d\d\.\d\d$/);
  await typeInto(second, second.getByLabel('Målgrupp *', { exact: true }), ' Unga mellan 18 och 25 år.');
  await expect(second.getByText('De finns kvar åt dig')).toBeVisible();

  // Reloaded, the form shows the saved version and leads to the text that was not saved.
  await openEntry(second);
  await expect(second.getByLabel('Mål *', { exact: true })).toHaveValue(/Färre återfall\./);
  await expect(second.getByText('kunde inte sparas')).toBeVisible();
  await expectNoAxeViolations(second);
  await tabTo(second, second.getByRole('link', { name: 'Visa texten som inte sparades' }));
  await second.keyboard.press('Enter');
  await expect(second).toHaveURL(/\/entries\/\d+\/unsaved$/);
  await expect(second.locator('.entry-document')).toContainText('Unga mellan 18 och 25 år.');
  await expectNoAxeViolations(second);
  await tabTo(second, second.getByRole('button', { name: 'Ta bort den här kopian' }));
  await second.keyboard.press('Enter');
  await expect(second).toHaveURL(new RegExp(`${entryPath}$`));
  await expect(second.getByText('kunde inte sparas')).toHaveCount(0);
});

test('text refused for what it said comes back in the form, marked as not saved, until it is corrected', async ({ page, browserErrors }) => {
  // The refused save (422) is the point.
  browserErrors.allow(/status of 422/);
  await logIn(page, applicant);
  await openEntry(page);
  const title = page.getByLabel('Projektets titel *');
  const saved = await title.inputValue();
  // Over the 300 characters a title may have; it is kept as sent, trimmed like every save.
  const long = Array(21).fill('Trygg hemkomst').join(' ');
  await title.fill(long);
  await expect(page.locator('#entry-title-error')).toHaveText('Texten är för lång.');

  // Read again, the form shows the text as it was sent, and says it is not saved.
  await openEntry(page);
  await expect(title).toHaveValue(long);
  await expect(page.getByText('Formuläret visar texten som du skickade den')).toBeVisible();
  await expect(page.locator('#save-state')).toHaveText('Några uppgifter behöver rättas. Se de markerade fälten.');
  await expectNoAxeViolations(page);

  // Corrected by keyboard: saved, and read again the form is as saved, with nothing kept.
  await tabTo(page, title);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(saved);
  await expect(page.locator('#save-state')).toHaveText(/^Sparat kl\. \d\d\.\d\d$/);
  await openEntry(page);
  await expect(title).toHaveValue(saved);
  await expect(page.getByText('Formuläret visar texten')).toHaveCount(0);
  await expect(page.getByText('kunde inte sparas')).toHaveCount(0);
});
