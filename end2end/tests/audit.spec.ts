import { base } from './api';
import { createAdmin, expect, expectNoAxeViolations, logIn, open, stockholm, test } from './helpers';

// The organiser's audit log, on a year of its own. The organiser creates the year and moves its
// deadline twice; the year's history, reached from the list of years, shows the three changes
// with the old and new deadline; filtered by kind it shows the two moves, and the CSV download
// holds the same lines. Without scripts the filters work as a plain form. Both languages pass
// axe.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const YEAR = '2033';
const organiser = `audit-organiser.${stamp}@bra.se`;
const day = 86_400_000;
const deadlines = [10, 12, 14].map((d) => stockholm(new Date(Date.now() + d * day)));

test('the organiser moves a deadline twice and reads the year’s history', async ({ page }) => {
  createAdmin(organiser, 'Astrid Granskare');
  await logIn(page, organiser);
  await open(page, '/admin/competitions/new');
  await page.getByLabel('År *', { exact: true }).fill(YEAR);
  await page.getByLabel('Tema på svenska *').fill('Historiktest');
  await page.getByLabel('Beskrivning på svenska *').first().fill('Ett år för händelseloggens test.');
  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() + day)));
  await page.getByLabel('Sista tidpunkt för bidrag').fill(deadlines[0]);
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/competitions/${YEAR}\\?saved=1$`));
  for (const deadline of deadlines.slice(1)) {
    await open(page, `/admin/competitions/${YEAR}`);
    await page.getByLabel('Sista tidpunkt för bidrag').fill(deadline);
    await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
    await expect(page.getByRole('status').first()).toHaveText('Tävlingsåret är sparat.');
  }

  // The year's history is one link away from the list of years, and reached by keyboard.
  await open(page, '/admin/competitions');
  await page.getByRole('link', { name: `Historik ${YEAR}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/admin/audit\\?year=${YEAR}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Händelselogg');
  await expect(page.getByLabel('År', { exact: true })).toHaveValue(YEAR);
  const rows = page.locator('table.audit tbody tr');
  await expect(rows).toHaveCount(3);
  // Newest first: the second move, the first move, the year created; each by the organiser.
  await expect(rows.nth(0)).toContainText('Inställningar eller datum ändrade');
  await expect(rows.nth(0)).toContainText('Astrid Granskare');
  await expect(rows.nth(0)).toContainText(`closes_at: ${deadlines[1]} → ${deadlines[2]}`);
  await expect(rows.nth(1)).toContainText(`closes_at: ${deadlines[0]} → ${deadlines[1]}`);
  await expect(rows.nth(2)).toContainText('Tävlingsår skapat');
  await expect(page.getByText('Antal händelser: 3')).toBeVisible();
  await expectNoAxeViolations(page);

  // Filtered by kind: the two moves.
  await page.getByLabel('Händelse', { exact: true }).selectOption('competition.save');
  await page.getByRole('button', { name: 'Visa', exact: true }).click();
  await expect(page).toHaveURL(/kind=competition\.save/);
  await expect(rows).toHaveCount(2);

  // The download holds the same lines as the page, oldest first.
  const link = page.getByRole('link', { name: 'Ladda ner raderna som CSV' });
  await expect(link).toHaveAttribute('download', '');
  await expect(link).toHaveAttribute('href', `/admin/audit.csv?year=${YEAR}&kind=competition.save&dialect=semicolon`);
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="ecpa-audit\.csv"/);
  const lines = (await file.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  // Swedish Excel's dialect: semicolons.
  expect(lines[0]).toBe('id;at;person;kind;object;year;detail;hash');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`Astrid Granskare;competition.save`);
  expect(lines[1]).toContain(deadlines[1]);
  expect(lines[2]).toContain(deadlines[2]);

  // In English.
  await open(page, `/en/admin/audit?year=${YEAR}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  await expect(rows.nth(2)).toContainText('Competition year created');
  await expectNoAxeViolations(page);
});

test('the filters work without scripts', async ({ page, browser }) => {
  await logIn(page, organiser);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto('/admin/audit');
  await noJs.getByLabel('År', { exact: true }).selectOption(YEAR);
  await noJs.getByLabel('Person (namn eller e-postadress)').fill('astrid granskare');
  await noJs.getByRole('button', { name: 'Visa', exact: true }).click();
  await expect(noJs).toHaveURL(new RegExp(`year=${YEAR}&person=astrid\\+granskare`));
  await expect(noJs.locator('table.audit tbody tr')).toHaveCount(3);
  // An object's history from its link: the year's own lines.
  await noJs.locator('table.audit tbody tr').first().getByRole('link').click();
  await expect(noJs).toHaveURL(/object=competition:\d+$/);
  await expect(noJs.getByLabel('Objekt', { exact: true })).toHaveValue(/^competition:\d+$/);
  await expect(noJs.locator('table.audit tbody tr')).toHaveCount(3);
  await scriptless.close();
});
