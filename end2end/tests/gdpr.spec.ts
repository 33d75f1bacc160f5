import { base, registered } from './api';
import { createAdmin, expect, expectNoAxeViolations, logIn, open, test } from './helpers';

// A person's data, by their own hand and on request. An applicant downloads their data as a
// zip from "My data". The organiser searches for a person by address and name, sees each place
// they are stored, and erases them behind a confirmation, all without scripts; the search then
// finds nothing. Both languages of the organiser's page pass axe.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const organiser = `gdpr-organiser.${stamp}@bra.se`;
const applicant = `greta.${stamp}@ludvika.se`;
const NAME = 'Greta Raderasdotter';

test('an applicant downloads everything kept about them as one file', async ({ page }) => {
  await registered(applicant, NAME, 'Ludvika kommun');
  await logIn(page, applicant);
  await open(page, '/account/data');
  const link = page.getByRole('link', { name: 'Ladda ner mina uppgifter (zip)' });
  await expect(link).toHaveAttribute('href', '/account/data.zip');
  await expect(link).toHaveAttribute('download', '');
  const file = await page.request.get('/account/data.zip');
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/zip');
  expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="personal-data\.zip"/);
  // A zip file begins with its local header's signature.
  expect((await file.body()).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  await expectNoAxeViolations(page);
});

test('the organiser finds a person in both languages', async ({ page }) => {
  createAdmin(organiser, 'Ingrid Dataskydd');
  await logIn(page, organiser);
  await open(page, '/admin/personal-data');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Begäran om personuppgifter');
  await page.getByLabel('E-postadress *', { exact: true }).fill(applicant);
  await page.getByLabel(/^Namn/).fill(NAME);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/email=.*&name=Greta/);
  const places = page.locator('table.places tbody tr');
  await expect(places.filter({ hasText: 'Konto (email)' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Ladda ner uppgifterna (zip)' })).toHaveAttribute(
    'href',
    /^\/admin\/personal-data\/export\.zip\?email=/,
  );
  await expectNoAxeViolations(page);
  await open(page, `/en/admin/personal-data?email=${encodeURIComponent(applicant)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal data requests');
  await expect(places.filter({ hasText: 'Account (email)' })).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('the organiser erases the person without scripts, after confirming', async ({ page, browser }) => {
  await logIn(page, organiser);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto('/admin/personal-data');
  await noJs.getByLabel('E-postadress *', { exact: true }).fill(applicant);
  await noJs.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(noJs.locator('table.places tbody tr').first()).toBeVisible();
  // Without the confirmation nothing happens, and the box says why.
  await noJs.getByRole('button', { name: 'Radera', exact: true }).click();
  await expect(noJs.locator('#erase-confirm-error')).toHaveText('Fyll i fältet.');
  await expect(noJs.getByLabel('Jag har kontrollerat ställena ovan och vill radera personen')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  // By keyboard: tick the box with the space bar, then send.
  await noJs.getByLabel('Jag har kontrollerat ställena ovan och vill radera personen').focus();
  await noJs.keyboard.press('Space');
  await noJs.getByRole('button', { name: 'Radera', exact: true }).click();
  await expect(noJs).toHaveURL(/erased=\d+/);
  await expect(noJs.getByRole('status')).toContainText('Raderat:');
  await expect(noJs.getByText('Adressen och namnet finns inte någonstans i portalen.')).toBeVisible();
  await expect(noJs.getByText('Personen har inget konto i portalen.')).toBeVisible();
  await scriptless.close();
});
