import { createHash } from 'node:crypto';
import { createAdmin, expect, expectNoAxeViolations, logIn, test, waitForHydration } from './helpers';
import { waitForMail } from './smtp-sink';

// The dossier journey on the demo's 2022 winner (RRI, its English text complete): the page in
// both languages; without scripts a part is emptied and the dossier cannot go; by keyboard the
// text is completed again; the PDF and the DOCX are previewed; the dossier is sent to the year's
// EUCPN address and arrives in the SMTP sink with both files, their digests as the page shows.
const stamp = Date.now();
const organiser = `dossier.${stamp}@bra.se`;
const eucpn = `eucpn.${stamp}@eucpn.example`;
const replicabilityLabel = 'Möjlighet att genomföra i andra länder – på engelska';

/** The bytes of the attachment `name` in a raw MIME message. */
function attachment(raw: string, name: string): Buffer {
  const text = raw.replace(/\r\n/g, '\n');
  const at = text.indexOf(`filename="${name}"`);
  expect(at, `attachment ${name}`).toBeGreaterThan(0);
  const part = text.slice(at);
  const body = part.slice(part.indexOf('\n\n') + 2);
  const end = body.indexOf('\n--');
  return Buffer.from(body.slice(0, end < 0 ? undefined : end).replace(/\s+/g, ''), 'base64');
}

test("the organiser completes the winner's English text and sends the dossier to EUCPN", async ({ page, browser }) => {
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

  // Without scripts the form works: an emptied part is named as missing, and nothing can go.
  const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin });
  await plain.addCookies(await page.context().cookies());
  const noJs = await plain.newPage();
  await noJs.goto('/admin/competitions/2022/dossier');
  const original = await noJs.getByLabel(replicabilityLabel).inputValue();
  expect(original.length).toBeGreaterThan(20);
  await noJs.getByLabel(replicabilityLabel).fill('');
  await noJs.getByRole('button', { name: 'Spara den engelska texten' }).click();
  await expect(noJs.locator('#dossier-english-status')).toHaveText(
    'Saknas ännu på engelska: Möjlighet att genomföra i andra länder',
  );
  await expect(noJs.locator('#entry-english-replicability-missing')).toHaveText('Saknas på engelska');
  await expect(noJs.locator('#dossier-send-blocked')).toContainText('inte komplett');
  await expect(noJs.getByRole('button', { name: 'Skicka till EUCPN' })).toHaveCount(0);
  await plain.close();

  // By keyboard from the list of years: the part written again, one more changed, saved.
  await page.goto('/admin/competitions');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Underlag till EUCPN 2022' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/competitions\/2022\/dossier$/);
  await page.getByLabel(replicabilityLabel).fill(original);
  const methods = page.getByLabel('Metod och aktiviteter – på engelska');
  await expect(methods).toHaveAttribute('lang', 'en');
  await methods.fill(`Structured conversations with the perpetrator, ${stamp}.`);
  await page.getByRole('button', { name: 'Spara den engelska texten' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#dossier-english-status')).toHaveText('Hela texten finns på engelska.');
  const newest = page.locator('.english-versions details').first();
  await expect(newest.locator('summary')).toContainText('Brå Dossier');
  await newest.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(newest).toContainText('Ändrat: Metod och aktiviteter, Möjlighet att genomföra i andra länder');
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

  // The year's EUCPN address, then the sending.
  await page.getByLabel('EUCPN:s e-postadress för året *').fill(eucpn);
  await page.getByRole('button', { name: 'Spara adressen' }).press('Enter');
  await expect(page.getByLabel('EUCPN:s e-postadress för året *')).toHaveValue(eucpn);
  await page.getByRole('button', { name: 'Skicka till EUCPN' }).press('Enter');
  const sending = page.locator('.dossier-sendings li').first();
  await expect(sending).toContainText(`Brå Dossier · till ${eucpn}`);
  await expectNoAxeViolations(page);
  const mail = await waitForMail(eucpn, 'ecpa-2022-annex-i-se.docx');
  expect(mail.raw).toContain('Subject: ECPA 2022: the entry from Sweden (Annex I)');
  const sentPdf = attachment(mail.raw, 'ecpa-2022-annex-i-se.pdf');
  const sentDocx = attachment(mail.raw, 'ecpa-2022-annex-i-se.docx');
  expect(sentPdf.subarray(0, 5).toString()).toBe('%PDF-');
  const codes = sending.locator('code');
  await expect(codes.nth(0)).toHaveText(createHash('sha256').update(sentPdf).digest('hex'));
  await expect(codes.nth(1)).toHaveText(createHash('sha256').update(sentDocx).digest('hex'));
});
