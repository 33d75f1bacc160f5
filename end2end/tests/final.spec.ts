import { type Page } from '@playwright/test';
import { as, base, call, registered, sections, sheet, writeAndSubmit } from './api';
import { createAdmin, expect, expectNoAxeViolations, logIn, open, password, stockholm, test, waitForHydration } from './helpers';
import { linkIn, waitForMail } from './smtp-sink';

// The European final's whole journey, on a year of its own. Brå's round is decided first and
// its winner's English text completed (through the server functions: the jury and dossier
// journeys test those pages). Then, in the browser: the EUCPN secretariat opens the final with
// Sweden and the Netherlands; Sweden's representative forwards the national winner and the
// Dutch representative enters a project directly; after the deadline two jurors, one from each
// country, join, each finding their own country's entry recused without declaring anything;
// the secretariat records the decision and releases the results; the public page shows the
// winner first, in both languages, and passes axe.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const YEAR = '2031';
const organiser = `final-organiser.${stamp}@bra.se`;
const secretariat = `final-secretariat.${stamp}@eucpn.example`;
const swedishRep = `final-se.${stamp}@bra.se`;
const dutchRep = `final-nl.${stamp}@politie.example`;
const jurors = { SE: `final-juror-se.${stamp}@bra.se`, NL: `final-juror-nl.${stamp}@politie.example` };
const minute = 60_000;
const day = 86_400_000;
const swedishTitle = `Safe homes after violence ${stamp}`;
const dutchTitle = `Neighbourhood mediators ${stamp}`;

test("Brå's round is decided and its winner's English text completed", async ({ page }) => {
  createAdmin(organiser, 'Brå Final');
  await logIn(page, organiser);
  await open(page, '/admin/competitions/new');
  await page.getByLabel('År *', { exact: true }).fill(YEAR);
  await page.getByLabel('Tema på svenska *').fill('Finaltest');
  await page.getByLabel('Beskrivning på svenska *').first().fill('Ett år för finalens test.');
  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() - day)));
  await page.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(Date.now() + 10 * day)));
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/competitions/${YEAR}\\?saved=1$`));

  // One Swedish entry, submitted by the applicant who will also be Sweden's representative.
  const applicant = await registered(swedishRep, 'Sara Svensson', `Trygga hem ${stamp}`);
  const mine = await (await applicant.get('/api/my_entries')).json();
  const id = String(await (await call(applicant, 'start_entry', { year: YEAR, organisation_id: String(mine.organisations[0][0]), lang: 'sv' })).json());
  await writeAndSubmit(applicant, id, 1, `Trygga hem ${stamp}`, swedishRep);
  await applicant.dispose();

  // The deadline passes; the organiser judges alone and records the decision.
  await page.goto(`/admin/competitions/${YEAR}`);
  await waitForHydration(page);
  const now = Date.now();
  for (const [label, at] of [
    ['Sista tidpunkt för bidrag', now - 3 * minute],
    ['Bedömning börjar', now - 2 * minute],
    ['Överläggning börjar', now + day],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(stockholm(new Date(at)));
  }
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Tävlingsåret är sparat.');
  const api = await as(organiser);
  await call(api, 'record_decision', { year: YEAR, winner: id, motivation_sv: 'Ett tydligt resultat.', motivation_en: '', tie_reason: '' });
  const english: Record<string, string> = { year: YEAR, base: '0', 'english[title]': swedishTitle };
  for (const key of sections) english[`english[${key}]`] = `English text about ${key}.`;
  await call(api, 'save_dossier_english', english);
  await api.dispose();
});

test('the secretariat opens the final; Sweden forwards its winner, the Netherlands enters directly', async ({ page }) => {
  createAdmin(secretariat, 'EUCPN Final');
  const dutch = await registered(dutchRep, 'Daan de Vries', `Politie ${stamp}`);
  await logIn(page, secretariat);
  await open(page, `/admin/users?q=${encodeURIComponent(secretariat)}`);
  const row = page.getByRole('row', { name: new RegExp(secretariat.replace(/\./g, '\\.')) });
  await row.getByLabel('EUCPN:s sekretariat').check();
  await row.getByRole('button', { name: /^Spara/ }).click();
  await expect(row.getByLabel('EUCPN:s sekretariat')).toBeChecked();

  await open(page, `/admin/europe/${YEAR}`);
  await page.getByLabel('Tema (på engelska) *').fill('Safety in public spaces');
  await page.getByLabel('Sista dag för nationella bidrag *').fill(stockholm(new Date(Date.now() + 10 * day)));
  await page.getByLabel('Sverige', { exact: true }).check();
  await page.getByLabel('Nederländerna', { exact: true }).check();
  await page.getByRole('button', { name: 'Öppna finalen' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Nederländerna', exact: true })).toBeVisible();
  await page.getByLabel('E-postadress till representanten för Sverige').fill(swedishRep);
  await page.getByRole('button', { name: 'Spara representanten Sverige' }).click();
  await expect(page.getByText(`Representant: Sara Svensson (${swedishRep})`)).toBeVisible();
  await page.getByLabel('E-postadress till representanten för Nederländerna').fill(dutchRep);
  await page.getByRole('button', { name: 'Spara representanten Nederländerna' }).click();
  await expect(page.getByText(`Representant: Daan de Vries (${dutchRep})`)).toBeVisible();
  await page.getByLabel('Pris till vinnaren').fill('20000');
  await page.getByLabel('Pris till var och en av tvåorna').fill('10000');
  await page.getByRole('button', { name: 'Spara prispengarna' }).click();
  await expect(page.getByLabel('Pris till vinnaren')).toHaveValue('20000');

  // Sweden's representative forwards the national winner with one action, without scripts.
  const swede = await (await page.context().browser()!.newContext({ baseURL: base })).newPage();
  await logIn(swede, swedishRep);
  const scriptless = await page.context().browser()!.newContext({ baseURL: base, javaScriptEnabled: false });
  await scriptless.addCookies(await swede.context().cookies());
  const forwarding = await scriptless.newPage();
  await forwarding.goto(`/representative/${YEAR}`);
  await expect(forwarding.getByText(`Vinnare: ${swedishTitle}`)).toBeVisible();
  await forwarding.getByRole('button', { name: 'För vidare vinnaren till finalen' }).click();
  // The winner is the country's competing entry now, submitted; the competing place is taken.
  const forwarded = forwarding.getByRole('row', { name: new RegExp(swedishTitle) });
  await expect(forwarded).toContainText('Tävlande bidrag');
  await expect(forwarded).toContainText('Inskickat');
  await expect(forwarding.getByRole('radio', { name: 'Tävlande bidrag' })).toBeDisabled();
  await scriptless.close();
  await open(swede, `/representative/${YEAR}`);
  await expectNoAxeViolations(swede);
  await swede.context().close();

  // The Dutch representative starts a competing project on the page and writes it.
  const dutchPage = await (await page.context().browser()!.newContext({ baseURL: base })).newPage();
  await logIn(dutchPage, dutchRep);
  await open(dutchPage, `/en/representative/${YEAR}`);
  await dutchPage.getByLabel('Organisation behind the project *').fill('Gemeente Utrecht');
  await dutchPage.getByRole('button', { name: 'Start writing the project' }).click();
  await expect(dutchPage).toHaveURL(/\/entries\/\d+$/);
  const dutchId = dutchPage.url().match(/\/entries\/(\d+)$/)![1];
  // The final's form is in English: the summary is required in English, and the Swedish
  // round's Swedish summary, English version and checklist are not asked for.
  await waitForHydration(dutchPage);
  await expect(dutchPage.getByLabel('Short public summary in English *')).toHaveAttribute('lang', 'en');
  await expect(dutchPage.locator('#entry-checklist')).toHaveCount(0);
  await expect(dutchPage.getByLabel(/Short public summary in Swedish/)).toHaveCount(0);
  await expectNoAxeViolations(dutchPage);
  await writeAndSubmit(dutch, dutchId, 1, dutchTitle, dutchRep);
  await dutch.dispose();
  await open(dutchPage, `/en/representative/${YEAR}`);
  await expect(dutchPage.getByRole('row', { name: new RegExp(dutchTitle) })).toContainText('Submitted');
  await dutchPage.context().close();
});

test("after the deadline each country's juror finds their own entry recused, and the final is decided and published", async ({ page, browser }) => {
  // The deadline passes: the European jury judges from it on.
  const sec = await as(secretariat);
  await call(sec, 'save_final', {
    year: YEAR, theme: 'Safety in public spaces', deadline: stockholm(new Date(Date.now() - minute)),
    'countries[0]': 'NL', 'countries[1]': 'SE',
  });

  // One juror from each country, invited on the final's jury page, each joining by the mail.
  await logIn(page, secretariat);
  await open(page, `/admin/europe/${YEAR}/jury`);
  for (const [country, email] of Object.entries(jurors)) {
    await page.getByLabel('E-postadress *', { exact: true }).fill(email);
    await page.getByLabel('Land som juryledamoten kommer från').selectOption(country);
    await page.getByRole('button', { name: 'Bjud in', exact: true }).click();
    await expect(page.locator('main')).toContainText(email);
  }
  const entryOf: Record<string, string> = {};
  for (const [country, email] of Object.entries(jurors)) {
    const juror = await (await browser.newContext({ baseURL: base })).newPage();
    // The European jury is invited in English when the address has no account yet.
    const invitation = linkIn(await waitForMail(email, '/jury/invitation'), '/jury/invitation');
    expect(invitation).toContain('/en/jury/invitation?token=');
    await juror.goto(invitation);
    await waitForHydration(juror);
    await juror.getByLabel('Your name *').fill(`Juror ${country}`);
    await juror.getByLabel('Choose a password *').fill(password);
    await juror.getByRole('button', { name: 'Accept' }).click();
    await expect(juror).toHaveURL(/\/en\/jury$/);
    // Their own country's entry is recused, without any declaration; the other is theirs.
    await open(juror, `/europe/${YEAR}/jury`);
    const own = country === 'SE' ? swedishTitle : dutchTitle;
    const other = country === 'SE' ? dutchTitle : swedishTitle;
    await expect(juror.getByRole('row', { name: new RegExp(own) })).toContainText('Jäv');
    await expect(juror.getByRole('link', { name: own })).toHaveCount(0);
    const link = juror.getByRole('link', { name: other });
    entryOf[country] = (await link.getAttribute('href'))!.match(/\/entries\/(\d+)$/)![1];
    await expectNoAxeViolations(juror);
    await juror.context().close();
  }
  for (const [country, email] of Object.entries(jurors)) {
    const api = await as(email);
    // The Swedish juror scores the Dutch entry lower than the Dutch juror scores Sweden's.
    await call(api, 'save_scores', sheet(entryOf[country], country === 'SE' ? 3 : 5));
    await api.dispose();
  }

  // The secretariat records the decision in English on the final's ranking page.
  await open(page, `/europe/${YEAR}/jury/ranking`);
  await expect(page.locator('table tbody tr').first()).toContainText(swedishTitle);
  await expectNoAxeViolations(page);
  await page.getByLabel('Vinnare *').selectOption({ label: swedishTitle });
  await page.getByLabel(dutchTitle).first().check();
  await page.getByLabel('Juryns motivering på engelska *').fill('A method other countries can take up.');
  await page.getByRole('button', { name: 'Registrera beslutet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Beslutet registrerades' })).toBeVisible();

  // The results are released from the final's page, and the public page shows them.
  await open(page, `/admin/europe/${YEAR}`);
  await page.getByRole('link', { name: 'Resultat och publicering' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/europe/${YEAR}/results$`));
  await waitForHydration(page);
  // Released without scripts.
  const publisher = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
  await publisher.addCookies(await page.context().cookies());
  const releasing = await publisher.newPage();
  await releasing.goto(`/admin/europe/${YEAR}/results`);
  await releasing.getByRole('button', { name: 'Publicera resultatet' }).click();
  await expect(releasing.locator('#release-status')).toHaveText(/^Resultatet är publicerat sedan/);
  await publisher.close();
  await open(page, `/admin/europe/${YEAR}/results`);
  await expect(page.locator('#release-status')).toHaveText(/^Resultatet är publicerat sedan/);
  await expectNoAxeViolations(page);

  const visitor = await (await browser.newContext({ baseURL: base })).newPage();
  await open(visitor, `/europe/${YEAR}`);
  const awarded = visitor.locator('section[aria-labelledby="awarded-heading"] article');
  await expect(awarded.first()).toContainText('Vinnare');
  await expect(awarded.first()).toContainText(swedishTitle);
  await expect(awarded.first()).toContainText('A method other countries can take up.');
  await expect(awarded.nth(1)).toContainText(dutchTitle);
  await expect(visitor.getByText(/^20\s000\seuro$/)).toBeVisible();
  await expectNoAxeViolations(visitor);
  await open(visitor, `/en/europe/${YEAR}`);
  await expect(visitor.locator('section[aria-labelledby="awarded-heading"] article').first()).toContainText('Winner');
  await expectNoAxeViolations(visitor);
  await sec.dispose();
});

// Ten pages through axe take about ten seconds on their own (more with the other worker busy),
// so they are a test of their own rather than the tail of the one above.
test("the secretariat's pages of the final's jury and results pass axe in both languages", async ({ page }) => {
  await logIn(page, secretariat);
  for (const path of ['/admin/europe', `/admin/europe/${YEAR}/jury`, `/europe/${YEAR}/jury/progress`, `/europe/${YEAR}/jury/ranking`, `/europe/${YEAR}/jury/grid`, `/admin/europe/${YEAR}/results`]) {
    for (const lang of ['', '/en']) {
      await open(page, `${lang}${path}`);
      await expectNoAxeViolations(page);
    }
  }
});
