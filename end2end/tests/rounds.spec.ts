import { request, type Page } from '@playwright/test';
import { as, base, call, registered, sheet, writeAndSubmit } from './api';
import { createAdmin, expect, expectNoAxeViolations, logIn, open, password, stockholm, test, waitForHydration } from './helpers';
import { linkIn, plain, waitForMail } from './smtp-sink';

// Another country's national round hosted on the portal, on a year of its own. The EUCPN
// secretariat opens the final with Sweden and the Netherlands and, by keyboard, hosts the Dutch
// round with an organiser (without scripts first, with an address that has no account). The
// organiser finds the round from the account page and sets its dates; a Dutch applicant starts
// an entry in it, written in English; after the deadline the organiser's screening, jury and
// results pages work for that round alone: Brå's organiser is refused. The round's juror scores
// on the round's own jury pages, and the release tells the applicant in a mail of the round's
// own. Every new page passes axe, in both languages.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const YEAR = '2032';
const secretariat = `rounds-secretariat.${stamp}@eucpn.example`;
const bra = `rounds-bra.${stamp}@bra.se`;
const organiser = `rounds-organiser.${stamp}@ccv.example`;
const extra = `rounds-extra.${stamp}@ccv.example`;
const applicant = `rounds-applicant.${stamp}@utrecht.example`;
const juror = `rounds-juror.${stamp}@ccv.example`;
const title = `Lit streets ${stamp}`;
const minute = 60_000;
const day = 86_400_000;
const round = `/admin/rounds/nl/${YEAR}`;
let entryId = '';

test('the secretariat hosts the Dutch round and names its organiser', async ({ page, browser }) => {
  createAdmin(secretariat, 'EUCPN Rounds');
  (await registered(organiser, 'Olga Organiser', `CCV ${stamp}`)).dispose();
  await logIn(page, secretariat);
  await open(page, `/admin/users?q=${encodeURIComponent(secretariat)}`);
  const row = page.getByRole('row', { name: new RegExp(secretariat.replace(/\./g, '\\.')) });
  await row.getByLabel('EUCPN:s sekretariat').check();
  await row.getByRole('button', { name: /^Spara/ }).click();
  await expect(row.getByLabel('EUCPN:s sekretariat')).toBeChecked();
  const api = await as(secretariat);
  await call(api, 'save_final', { year: YEAR, theme: 'Safe public spaces', deadline: `${YEAR}-10-01T12:00`, 'countries[0]': 'SE', 'countries[1]': 'NL' });
  await api.dispose();

  // Without scripts, an address without an account is named at its field.
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto(`/admin/europe/${YEAR}`);
  await noJs.getByLabel('E-postadress till en arrangör för Nederländerna').fill(`nobody.${stamp}@ccv.example`);
  await noJs.getByRole('button', { name: 'Lägg till arrangören Nederländerna' }).click();
  await expect(noJs.locator('#entry-organiser-NL-error')).toContainText('Det finns inget konto med den adressen.');
  await scriptless.close();

  // Sweden is the home country and is not offered; the Netherlands is hosted by keyboard.
  await open(page, `/admin/europe/${YEAR}`);
  const section = page.getByRole('region', { name: 'Nationella omgångar på portalen' });
  await expect(section.getByRole('heading', { level: 3 })).toHaveText([`Nationella omgången i Nederländerna ${YEAR}`]);
  await expect(section.getByText('Inte på portalen')).toBeVisible();
  await expectNoAxeViolations(page);
  await section.getByLabel('E-postadress till en arrangör för Nederländerna').fill(organiser);
  await section.getByRole('button', { name: 'Lägg till arrangören Nederländerna' }).focus();
  await page.keyboard.press('Enter');
  await expect(section.getByText('Arrangörer: Olga Organiser')).toBeVisible();
  await expect(section.getByRole('status').first()).toHaveText('Arrangören är tillagd.');

  // A second organiser named by mistake is taken off again, without scripts.
  (await registered(extra, 'Erik Extra', `Extra ${stamp}`)).dispose();
  await section.getByLabel('E-postadress till en arrangör för Nederländerna').fill(extra);
  await section.getByRole('button', { name: 'Lägg till arrangören Nederländerna' }).click();
  await expect(section.getByText('Arrangörer: Erik Extra, Olga Organiser')).toBeVisible();
  const again = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await again.addCookies(await page.context().cookies());
  const removing = await again.newPage();
  await removing.goto(`/admin/europe/${YEAR}`);
  await removing.getByRole('button', { name: 'Ta bort Erik Extra' }).click();
  await expect(removing.getByText('Arrangören är borttagen.')).toBeVisible();
  await expect(removing.getByText('Arrangörer: Olga Organiser')).toBeVisible();
  await expect(removing.getByRole('button', { name: 'Ta bort Erik Extra' })).toHaveCount(0);
  await again.close();
  await open(page, `/en/admin/europe/${YEAR}`);
  await expect(page.getByRole('heading', { level: 3, name: `The national round of the Netherlands ${YEAR}` })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the round's organiser sets its dates; a Dutch applicant enters in English", async ({ page, browser }) => {
  await logIn(page, organiser);
  await page.getByRole('link', { name: `Nationella omgången i Nederländerna ${YEAR}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${round}$`));
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Nationella omgången i Nederländerna ${YEAR}`);
  await expect(page.getByText('Safe public spaces')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);

  // Dates out of order are refused at their field, without scripts too.
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto(round);
  await noJs.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() + 5 * day)));
  await noJs.getByLabel('Sista tid för bidrag').fill(stockholm(new Date(Date.now() + day)));
  await noJs.getByRole('button', { name: 'Spara datumen' }).click();
  await expect(noJs.locator('#entry-closes-error')).toBeVisible();
  await scriptless.close();

  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() - day)));
  await page.getByLabel('Sista tid för bidrag').fill(stockholm(new Date(Date.now() + 10 * day)));
  await page.getByRole('button', { name: 'Spara datumen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Datumen är sparade.' })).toBeVisible();
  await expect(page.getByText('Öppen för ansökningar')).toBeVisible();
  await open(page, `/en${round}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`The national round of the Netherlands ${YEAR}`);
  await expectNoAxeViolations(page);

  // The applicant starts an entry in the Dutch round from their entries page, by keyboard.
  (await registered(applicant, 'Anne Applicant', `Gemeente Utrecht ${stamp}`)).dispose();
  const dutch = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(dutch, applicant);
  await open(dutch, '/en/entries');
  const start = dutch.getByRole('region', { name: `Start an entry in the national round of the Netherlands ${YEAR}` });
  await expect(start).toContainText('takes entries until');
  await expectNoAxeViolations(dutch);
  await start.getByRole('button', { name: 'Start an entry – the Netherlands' }).focus();
  await dutch.keyboard.press('Enter');
  await expect(dutch).toHaveURL(/\/en\/entries\/\d+$/);
  entryId = dutch.url().match(/\/entries\/(\d+)$/)![1];
  await waitForHydration(dutch);
  // The round works in English: no Swedish summary, the English one required.
  await expect(dutch.getByLabel(/^Short public summary in English/)).toHaveAttribute('lang', 'en');
  await expect(dutch.locator('[name="draft[public_summary_sv]"]')).toHaveCount(0);
  await expectNoAxeViolations(dutch);
  await dutch.context().close();
  const api = await as(applicant);
  await writeAndSubmit(api, entryId, 1, title, applicant);
  await api.dispose();
});

test("after the deadline the round's pages are its organiser's alone", async ({ page, browser, browserErrors }) => {
  // Brå's organiser is refused the round's pages and its entry.
  browserErrors.allow(/status of 403/);
  browserErrors.allow(/status of 404/);
  await logIn(page, organiser);
  await open(page, round);
  const now = Date.now();
  await page.getByLabel('Sista tid för bidrag').fill(stockholm(new Date(now - 3 * minute)));
  await page.getByLabel('Juryns bedömning börjar').fill(stockholm(new Date(now - 2 * minute)));
  await page.getByLabel('Juryns överläggning börjar').fill(stockholm(new Date(now + day)));
  await page.getByRole('button', { name: 'Spara datumen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Datumen är sparade.' })).toBeVisible();

  for (const [link, heading] of [
    ['Bidragen och granskningen', `Bidragen i nationella omgången i Nederländerna ${YEAR}`],
    ['Juryn', `Juryn i nationella omgången i Nederländerna ${YEAR}`],
    ['Resultat och publicering', `Resultatet av nationella omgången i Nederländerna ${YEAR}`],
  ]) {
    await open(page, round);
    await page.getByRole('link', { name: link, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await open(page, `/en${new URL(page.url()).pathname}`);
    await expectNoAxeViolations(page);
  }
  await open(page, `${round}/entries`);
  await expect(page.getByText(title)).toBeVisible();

  // Brå's organiser runs Sweden's rounds, not this one.
  createAdmin(bra, 'Brå Rounds');
  const swede = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(swede, bra);
  for (const path of [round, `${round}/entries`, `${round}/jury`, `/entries/${entryId}`]) {
    const res = await swede.goto(path);
    expect([403, 404], path).toContain(res!.status());
  }
  await swede.context().close();
});

// The organiser invites a juror without scripts (the form names the round), who joins and
// scores on the round's own jury pages; the organiser decides in English and releases.
test("the round's organiser invites its juror, who scores; the decision reaches the applicant", async ({ page, browser }) => {
  await logIn(page, organiser);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto(`${round}/jury`);
  await noJs.getByLabel('E-postadress *').fill(juror);
  await noJs.getByRole('button', { name: 'Bjud in', exact: true }).click();
  await expect(noJs).toHaveURL(new RegExp(`${round}/jury`));
  await expect(noJs.getByRole('listitem').filter({ hasText: juror })).toBeVisible();
  await scriptless.close();
  const token = new URL(linkIn(await waitForMail(juror, '/jury/invitation'), '/jury/invitation')).searchParams.get('token')!;
  const jurorApi = await request.newContext({ baseURL: base });
  await call(jurorApi, 'answer_jury_invitation', { token, accept: 'true', name: 'Jan Juror', password, lang: 'en' });
  const scorer = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(scorer, juror);
  await open(scorer, `/en/rounds/nl/${YEAR}/jury`);
  await expect(scorer.getByRole('heading', { level: 1 })).toHaveText(`The jury of the national round of the Netherlands ${YEAR}`);
  await expect(scorer.getByRole('link', { name: title })).toBeVisible();
  await expectNoAxeViolations(scorer);
  await open(scorer, `/en/rounds/nl/${YEAR}/jury/entries/${entryId}`);
  await expectNoAxeViolations(scorer);
  await open(scorer, `/rounds/nl/${YEAR}/jury`);
  await expect(scorer.getByRole('heading', { level: 1 })).toHaveText(`Juryn i nationella omgången i Nederländerna ${YEAR}`);
  await expectNoAxeViolations(scorer);
  await scorer.context().close();
  await call(jurorApi, 'save_scores', sheet(entryId, 5));
  await jurorApi.dispose();

  // The organiser decides in English and releases; the applicant hears of it from the round.
  const api = await as(organiser);
  await call(api, 'record_decision', { year: YEAR, round_country: 'NL', winner: entryId, motivation_sv: '', motivation_en: 'A clear result.', tie_reason: '' });
  await call(api, 'publish_results', { year: YEAR, round_country: 'NL', at: '' });
  await api.dispose();
  const outcome = await waitForMail(applicant, 'Juryn i den nationella');
  expect(plain(outcome)).toContain(`/entries/${entryId}`);
});
