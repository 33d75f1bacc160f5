import { createAdmin, expect, expectNoAxeViolations, logIn, test, waitForHydration } from './helpers';

// The organiser completes the 2022 winner's English text for the EUCPN dossier: the page in both
// languages, by keyboard with scripts, and as a plain form without them. The demo's RRI has its
// English text complete.
const stamp = Date.now();
const organiser = `dossier.${stamp}@bra.se`;

test("the organiser edits the winner's English text in versions, by keyboard and without scripts", async ({ page, browser }) => {
  createAdmin(organiser, 'Brå Dossier');
  await logIn(page, organiser);
  for (const [path, complete] of [
    ['/en/admin/competitions/2022/dossier', 'All of the text is in English.'],
    ['/admin/competitions/2022/dossier', 'Hela texten finns på engelska.'],
  ]) {
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator('#dossier-english-status')).toHaveText(complete);
    await expectNoAxeViolations(page);
  }

  // From the list of years by keyboard: the link, one part changed, the save button.
  await page.goto('/admin/competitions');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Underlag till EUCPN 2022' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/competitions\/2022\/dossier$/);
  const methods = page.getByLabel('Metod och aktiviteter – på engelska');
  await expect(methods).toHaveAttribute('lang', 'en');
  await methods.fill(`Structured conversations with the perpetrator, ${stamp}.`);
  await page.getByRole('button', { name: 'Spara den engelska texten' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('form p[role=status]')).toHaveText('Sparat.');
  const newest = page.locator('.english-versions details').first();
  await expect(newest.locator('summary')).toContainText('Brå Dossier');
  await newest.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(newest).toContainText('Ändrat: Metod och aktiviteter');
  await expect(newest).toContainText(`${stamp}`);
  await expectNoAxeViolations(page);

  // The dossier as files: the PDF opens in the browser, the Word file downloads.
  const pdfLink = page.getByRole('link', { name: 'Förhandsgranska PDF' });
  const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(/^inline; filename="ecpa-2022-annex-i-se\.pdf"/);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const docxLink = page.getByRole('link', { name: 'Ladda ner som Word-fil (DOCX)' });
  await expect(docxLink).toHaveAttribute('download', '');
  const docx = await page.request.get((await docxLink.getAttribute('href'))!);
  expect(docx.headers()['content-disposition']).toMatch(/^attachment; filename="ecpa-2022-annex-i-se\.docx"/);
  expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

  // Without scripts the same form works: emptying a part names it as missing.
  const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin });
  await plain.addCookies(await page.context().cookies());
  const noJs = await plain.newPage();
  await noJs.goto('/admin/competitions/2022/dossier');
  await noJs.getByLabel('Möjlighet att genomföra i andra länder – på engelska').fill('');
  await noJs.getByRole('button', { name: 'Spara den engelska texten' }).click();
  await expect(noJs.locator('#dossier-english-status')).toHaveText(
    'Saknas ännu på engelska: Möjlighet att genomföra i andra länder',
  );
  await expect(noJs.locator('#entry-english-replicability-missing')).toHaveText('Saknas på engelska');
  await expect(noJs.locator('.english-versions details')).toHaveCount(2);
  await plain.close();
});
