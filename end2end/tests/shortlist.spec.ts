import { as, base, call, registered, sheet, writeAndSubmit } from './api';
import { createAdmin, expect, expectNoAxeViolations, logIn, open, stockholm, test } from './helpers';
import { jurySeated } from './jurors';

// A year whose judging starts with a shortlist round: the organiser sets it on the year's form,
// the jurors give each entry a quick rating (by keyboard), the chair advances a chosen set with
// a reason, takes it back and advances again (without scripts), and full scoring then covers
// the advanced entries only.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const organiser = `shortlist-organiser.${stamp}@bra.se`;
const chair = `shortlist-chair.${stamp}@bra.se`;
const juror = `shortlist-juror.${stamp}@bra.se`;
const YEAR = '2035';
const minute = 60_000;
const day = 86_400_000;
const titles = ['Projekt A', 'Projekt B', 'Projekt C'];
let ids: string[] = [];

test('the organiser sets a shortlist round of quick ratings on a year with three entries and two jurors', async ({ page }) => {
  createAdmin(organiser, 'Brå Kortlista');
  await logIn(page, organiser);
  await open(page, '/admin/competitions/new');
  await page.getByLabel('År *', { exact: true }).fill(YEAR);
  await page.getByLabel('Tema på svenska *').fill('Kortlistetest');
  await page.getByLabel('Beskrivning på svenska *').first().fill('Ett år med en kortlisteomgång.');
  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() - day)));
  await page.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(Date.now() + 10 * day)));
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/competitions/${YEAR}\\?saved=1$`));

  // Three organisations submit, through the server functions.
  ids = [];
  for (const [n, title] of titles.entries()) {
    const email = `shortlist-applicant${n}.${stamp}@example.se`;
    const api = await registered(email, `Sökande ${n}`, `Kommun ${n} ${stamp}`);
    const mine = await (await api.get('/api/my_entries')).json();
    const id = String(await (await call(api, 'start_entry', { year: YEAR, organisation_id: String(mine.organisations[0][0]), lang: 'sv' })).json());
    await writeAndSubmit(api, id, 1, title, email);
    ids.push(id);
    await api.dispose();
  }
  await jurySeated(page, YEAR, [[chair, 'Ordförande Ek'], [juror, 'Jurymedlem Al']]);

  // Judging starts, with a shortlist round of quick ratings due in twelve hours.
  const now = Date.now();
  await open(page, `/admin/competitions/${YEAR}`);
  await page.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(now - 3 * minute)));
  await page.getByLabel('Bedömning börjar').fill(stockholm(new Date(now - 2 * minute)));
  await page.getByLabel('Överläggning börjar').fill(stockholm(new Date(now + day)));
  const rating = page.getByRole('radio', { name: 'Snabbt betyg, 1–5', exact: true });
  await rating.focus();
  await page.keyboard.press('Space');
  await expect(rating).toBeChecked();
  await page.getByLabel('Kortlistans svar senast').fill(stockholm(new Date(now + day / 2)));
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Tävlingsåret är sparat.');
});

test('the juror rates each entry by keyboard, while the desk is for reading only', async ({ browser }) => {
  // The juror's list leads to the shortlist; an entry's desk is for reading only meanwhile.
  const j = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(j, juror);
  await open(j, `/jury/${YEAR}`);
  await expect(j.locator('main')).toContainText('Bedömningen börjar med en kortlisteomgång. Du har svarat på 0 av 3 bidrag.');
  await j.getByRole('link', { name: titles[1] }).click();
  await expect(j.locator('.desk-sheet')).toContainText('Poäng sätts först när ordföranden har valt');
  await expect(j.getByRole('button', { name: 'Skicka in bedömningen' })).toBeDisabled();
  await open(j, `/jury/${YEAR}`);
  await j.getByRole('link', { name: 'Kortlistan', exact: true }).click();
  await expect(j.getByRole('heading', { level: 1 })).toHaveText(`Kortlista ${YEAR}`);
  await expectNoAxeViolations(j);

  // By keyboard: each entry's ratings are one group; Space chooses, Enter on the button saves.
  const ratings = { [titles[0]]: '5', [titles[1]]: '2', [titles[2]]: '4' };
  for (const [title, value] of Object.entries(ratings)) {
    const choice = j.getByRole('group', { name: new RegExp(`^${title} `) }).getByRole('radio', { name: value, exact: true });
    await choice.focus();
    await j.keyboard.press('Space');
    await expect(choice).toBeChecked();
  }
  await j.getByRole('button', { name: 'Spara svaren' }).focus();
  await j.keyboard.press('Enter');
  await expect(j.getByRole('status').filter({ hasText: 'Dina svar är sparade.' })).toBeVisible();
  await expect(j.locator('main')).toContainText('Du har svarat på 3 av 3 bidrag.');
  await expect(j.getByRole('group', { name: new RegExp(`^${titles[1]} `) }).getByRole('radio', { name: '2', exact: true })).toBeChecked();
  await expect(j.locator('main')).not.toContainText('Juryns svar');
  // Scores are refused while the shortlist stands.
  const early = await as(juror);
  expect((await early.post('/api/save_scores', { form: sheet(ids[0], 4) })).status()).toBe(409);
  await early.dispose();
  await j.context().close();
});

test('a shortlist round, then full scoring of the advanced entries', async ({ browser, browserErrors }) => {
  // The entry that did not advance is not the juror's any more: its desk answers 404.
  browserErrors.allow(/status of 404/);
  // The chair, without scripts: rates, reads the jury's answers, and advances a chosen set.
  const withScripts = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(withScripts, chair);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await withScripts.context().cookies());
  const c = await scriptless.newPage();
  await c.goto(`/jury/${YEAR}/shortlist`);
  for (const [title, value] of [[titles[0], '4'], [titles[1], '1'], [titles[2], '4']]) {
    await c.getByRole('group', { name: new RegExp(`^${title} `) }).getByRole('radio', { name: value, exact: true }).check();
  }
  await c.getByRole('button', { name: 'Spara svaren' }).click();
  await expect(c.locator('main')).toContainText('Dina svar är sparade.');
  const row = (title: string) => c.getByRole('row', { name: new RegExp(title) });
  await expect(row(titles[0])).toContainText('4,50');
  await expect(row(titles[0])).toContainText('2/2');
  await expect(row(titles[1])).toContainText('1,50');
  // axe needs scripts: the same page, with them.
  await open(withScripts, `/jury/${YEAR}/shortlist`);
  await expectNoAxeViolations(withScripts);
  // Without a reason: refused in words, nothing advanced, and the choice is back in the form
  // as it was sent.
  await c.getByRole('radio', { name: 'De bidrag jag kryssar i', exact: true }).check();
  await c.getByRole('checkbox', { name: titles[0], exact: true }).check();
  await c.getByRole('button', { name: 'Låt bidragen gå vidare' }).click();
  await expect(c.locator('main')).toContainText('Fyll i fältet.');
  await expect(c.locator('main')).toContainText('Formuläret visar valet som du skickade den');
  await expect(c.getByRole('radio', { name: 'De bidrag jag kryssar i', exact: true })).toBeChecked();
  await expect(c.getByRole('checkbox', { name: titles[0], exact: true })).toBeChecked();
  await expect(c.getByRole('checkbox', { name: titles[1], exact: true })).not.toBeChecked();
  await c.getByRole('checkbox', { name: titles[2], exact: true }).check();
  await c.getByLabel('Motivering *').fill('A och C var tydligast på temat; B saknar utvärdering.');
  await c.getByRole('button', { name: 'Låt bidragen gå vidare' }).click();
  await expect(c.locator('main')).toContainText('Bidragen har gått vidare till full bedömning.');
  await expect(c.getByRole('heading', { name: 'Kortlistan är avgjord' })).toBeVisible();
  await expect(c.locator('main')).toContainText('A och C var tydligast på temat');
  await expect(c.getByRole('button', { name: 'Låt bidragen gå vidare' })).toHaveCount(0);
  // Taken back, with a reason, before anyone has scored: the shortlist round again with every
  // answer kept, and chosen anew.
  await c.getByLabel('Motivering *').fill('C kryssades i för tidigt; juryn vill se svaren först.');
  await c.getByRole('button', { name: 'Ta tillbaka valet' }).click();
  await expect(c.locator('main')).toContainText('Valet är taget tillbaka.');
  await expect(c.getByRole('heading', { name: 'Kortlistan är avgjord' })).toHaveCount(0);
  await expect(row(titles[0])).toContainText('4,50');
  await c.getByRole('radio', { name: 'De bidrag jag kryssar i', exact: true }).check();
  await c.getByRole('checkbox', { name: titles[0], exact: true }).check();
  await c.getByRole('checkbox', { name: titles[2], exact: true }).check();
  await c.getByLabel('Motivering *').fill('A och C var tydligast på temat; B saknar utvärdering.');
  await c.getByRole('button', { name: 'Låt bidragen gå vidare' }).click();
  await expect(c.getByRole('heading', { name: 'Kortlistan är avgjord' })).toBeVisible();
  await scriptless.close();
  await open(withScripts, `/en/jury/${YEAR}/shortlist`);
  await expect(withScripts.getByRole('heading', { name: 'The shortlist is decided' })).toBeVisible();
  await expect(withScripts.getByRole('row', { name: new RegExp(titles[0]) })).toContainText('Advanced');
  await expectNoAxeViolations(withScripts);
  await withScripts.context().close();

  // Full scoring: the juror's list holds the advanced entries only, scored on the desk.
  const j = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(j, juror);
  await open(j, `/jury/${YEAR}`);
  await expect(j.locator('main')).toContainText('Kortlistan är avgjord.');
  await expect(j.getByRole('link', { name: titles[0] })).toBeVisible();
  await expect(j.getByRole('link', { name: titles[2] })).toBeVisible();
  await expect(j.getByRole('link', { name: titles[1] })).toHaveCount(0);
  const gone = await j.goto(`/jury/${YEAR}/entries/${ids[1]}`);
  expect(gone?.status()).toBe(404);
  await open(j, `/jury/${YEAR}/entries/${ids[0]}`);
  await expect(j.getByRole('button', { name: 'Skicka in bedömningen' })).toBeEnabled();
  await expect(j.getByRole('link', { name: `Nästa: ${titles[2]}`, exact: true })).toBeVisible();
  const api = await as(juror);
  for (const id of [ids[0], ids[2]]) await call(api, 'save_scores', sheet(id, 4));
  expect((await api.post('/api/save_scores', { form: sheet(ids[1], 4) })).status()).toBe(404);
  await api.dispose();
  await open(j, `/jury/${YEAR}`);
  await expect(j.getByText('2 av 2 bedömningar inskickade')).toBeVisible();
  await expectNoAxeViolations(j);
  await j.context().close();
});

test("the organiser's choice sent after the chair's is kept with why, and discarded by keyboard", async ({ page }) => {
  // Sent from a page opened before the chair advanced: refused, and kept for the organiser.
  const late = 'Projekt B borde också gå vidare, trots att utvärderingen saknas.';
  const api = await as(organiser);
  const refused = await api.post('/api/advance_shortlist', {
    form: { year: YEAR, how: 'chosen', top: '', 'chosen[0]': ids[1], reason: late },
  });
  expect(refused.status()).toBe(409);
  await api.dispose();

  // The page lists it with why, in both languages; nobody else sees it.
  await logIn(page, organiser);
  for (const path of [`/en/jury/${YEAR}/shortlist`, `/jury/${YEAR}/shortlist`]) {
    await open(page, path);
    await expect(page.locator('main')).toContainText(late);
    await expectNoAxeViolations(page);
  }
  await expect(page.getByRole('heading', { name: 'Val av bidrag som inte registrerades' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Någon annan avgjorde kortlistan innan ditt val kom fram.');
  await expect(page.locator('.kept-sheet')).toContainText(`De bidrag jag kryssar i: ${titles[1]}`);
  const c = await as(chair);
  expect(await (await c.get(`/jury/${YEAR}/shortlist`)).text()).not.toContain(late);
  await c.dispose();

  // Discarded by keyboard: the copy is gone.
  const discard = page.getByRole('button', { name: 'Ta bort den här kopian' });
  await discard.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Val av bidrag som inte registrerades' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(late);
  await expect(page.getByRole('heading', { name: 'Kortlistan är avgjord' })).toBeVisible();
});
