import { request, type Page } from '@playwright/test';
import { base, call } from './api';
import { createAdmin, expect, expectFocusNeverObscured, expectNoAxeViolations, expectNothingClipped, logIn, open, password, stockholm, test, waitForHydration } from './helpers';
import { authoredPdf, pdfText, unzip } from './files';
import { jurySeated } from './jurors';
import { plain, waitForMail } from './smtp-sink';

// Three jurors, one of them conflicted on one entry, score four entries; the chair sees the
// ranking and records the winner. The applicants' side is done through the server functions
// (the entries journey tests it in the browser). In order, on the shared database.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const organiser = `jury-organiser.${stamp}@bra.se`;
const jurors = [`chair.${stamp}@bra.se`, `juror.${stamp}@bra.se`, `conflicted.${stamp}@bra.se`];
const YEAR = '2029';

/** Sets the year's dates (Stockholm time) through the organiser's form. */
async function setDates(page: Page, dates: Record<string, Date>) {
  await page.goto(`/admin/competitions/${YEAR}`);
  await waitForHydration(page);
  for (const [label, at] of Object.entries(dates)) {
    await page.getByLabel(label, { exact: true }).fill(stockholm(at));
  }
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Tävlingsåret är sparat.');
}

/** One title far longer than a chart's label column: the charts must show it whole. */
const long = 'Projekt 3: kvällsvandringar där grannar, skola, fritidsgård och polis samverkar i bostadsområdet';
const minute = 60_000;
const day = 86_400_000;
let entryIds: string[] = [];

test('the organiser opens a year, four organisations submit, three jurors join', async ({ page }) => {
  createAdmin(organiser, 'Brå Jury');
  await logIn(page, organiser);
  await page.goto('/admin/competitions/new');
  await waitForHydration(page);
  await page.getByLabel('År *', { exact: true }).fill(YEAR);
  await page.getByLabel('Tema på svenska *').fill('Jurytest');
  await page.getByLabel('Beskrivning på svenska *').first().fill('Ett år för juryns test.');
  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() - day)));
  await page.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(Date.now() + 10 * day)));
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/competitions/${YEAR}\\?saved=1$`));

  // Four organisations submit an entry each, through the server functions.
  entryIds = [];
  for (let i = 0; i < 4; i++) {
    const email = `applicant${i}.${stamp}@example.se`;
    const api = await request.newContext({ baseURL: base });
    await call(api, 'register', {
      name: `Sökande ${i}`, email, password, organisation: `Kommun ${i} ${stamp}`, kind: 'municipality',
      city: '', org_number: '', lang: 'sv',
    });
    const link = plain(await waitForMail(email, '/verify-email')).match(/https?:\/\/\S*\/verify-email\?token=[0-9a-f]{64}/)![0];
    const token = new URL(link).searchParams.get('token')!;
    await call(api, 'verify_email', { token });
    await call(api, 'login', { email, password, lang: 'sv' });
    const mine = await (await api.get('/api/my_entries')).json();
    const org = String(mine.organisations[0][0]);
    const id = String(await (await call(api, 'start_entry', { year: YEAR, organisation_id: org, lang: 'sv' })).json());
    const form: Record<string, string> = {
      id, revision: '1', 'draft[title]': i === 3 ? long : `Projekt ${i}`, 'draft[organisation_display]': `Kommun ${i}`,
      'draft[competing]': 'true', 'draft[start_date]': '2024-01-01', 'draft[ongoing]': 'true',
      'draft[contacts][0][name]': `Sökande ${i}`, 'draft[contacts][0][email]': email,
      'draft[public_summary_sv]': 'Kort sammanfattning.',
    };
    for (const key of ['description', 'problem', 'objectives', 'target_group', 'methods', 'partners', 'resources', 'evaluation', 'replicability', 'theme_relevance']) {
      form[`draft[${key}]`] = `Text om ${key} i projekt ${i}.`;
    }
    ['in_sweden', 'on_theme', 'evaluated', 'english_available', 'right_to_submit'].forEach((k, n) => (form[`draft[checklist][${n}]`] = k));
    await call(api, 'save_entry', form);
    if (i === 0) {
      // A file whose name and author say who sent it (the anonymised review's test).
      const res = await api.post(`/entries/${id}/attachments`, {
        headers: { Accept: 'application/json' },
        multipart: { file: { name: `Kommun 0 ${stamp} plan.pdf`, mimeType: 'application/pdf', buffer: authoredPdf(`Kommun 0 ${stamp}`) } },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    await call(api, 'submit_entry', { id, revision: '2' });
    entryIds.push(id);
    await api.dispose();
  }

  // The organiser invites three jurors; each accepts with a new account.
  await jurySeated(page, YEAR, jurors.map((email, n): [string, string] => [email, ['Ordförande Olsson', 'Jurymedlem Jansson', 'Jävig Johansson'][n]]), true);

  // The deadline passes and judging starts (the organiser moves the dates).
  const now = Date.now();
  await setDates(page, {
    'Sista tidpunkt för bidrag': new Date(now - 3 * minute),
    'Bedömning börjar': new Date(now - 2 * minute),
    'Överläggning börjar': new Date(now + day),
  });
});

// Screening goes on into judging. A reason too long is refused without scripts; it comes back
// in that entry's field, marked, with a notice, and the entry is unchanged. Corrected, the
// entry is screened by keyboard and the notice is gone. axe checks the page showing the kept
// reason (with scripts, as axe cannot run in a scriptless page).
test('the organiser screens an entry by keyboard; a reason too long is kept in its field, with its discard', async ({ page, browser }) => {
  await logIn(page, organiser);
  const path = `/admin/competitions/${YEAR}/entries`;
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto(path);
  const short = 'Godkänt: projektet följs upp med en utvärdering.';
  const tooLong = `${short} ${'Underlaget beskriver insatsen i detalj. '.repeat(60)}`.trim();
  const item = noJs.getByRole('listitem', { name: 'Projekt 1', exact: true });
  await item.getByLabel('Motivering').fill(tooLong);
  await item.getByLabel('Motivering').press('Tab');
  await expect(item.getByRole('button', { name: 'Godkänn' })).toBeFocused();
  await noJs.keyboard.press('Enter');
  await expect(noJs.getByRole('alert').filter({ hasText: 'Några uppgifter behöver rättas. Se de markerade fälten.' })).toBeVisible();
  for (const p of [noJs, page]) {
    if (p === page) await page.goto(path);
    const it = p.getByRole('listitem', { name: 'Projekt 1', exact: true });
    await expect(it.getByLabel('Motivering')).toHaveValue(tooLong);
    await expect(it.getByLabel('Motivering')).toHaveAttribute('aria-invalid', 'true');
    await expect(it.getByText('Texten är för lång.')).toBeVisible();
    await expect(it.getByText(/^Fältet visar motiveringen som du skickade den/)).toBeVisible();
    await expect(it.getByRole('button', { name: 'Ta bort den här kopian' })).toBeVisible();
    await expect(it).not.toContainText('Godkänt i granskningen');
    await expect(p.getByRole('listitem', { name: 'Projekt 2', exact: true }).getByLabel('Motivering')).toHaveValue('');
  }
  await expectNoAxeViolations(page);
  await scriptless.close();

  // Corrected and sent by keyboard: screened, and the field is no longer marked.
  const it = page.getByRole('listitem', { name: 'Projekt 1', exact: true });
  await it.getByLabel('Motivering').fill(short);
  await it.getByLabel('Motivering').press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem', { name: 'Projekt 1', exact: true })).toContainText('Godkänt i granskningen');
  await expect(page.getByRole('listitem', { name: 'Projekt 1', exact: true }).getByLabel('Motivering')).toHaveValue(short);
  await expect(page.getByText(/^Fältet visar motiveringen/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ta bort den här kopian' })).toHaveCount(0);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
});

// A verdict sent from a tab opened before a colleague screened the entry does not overwrite
// theirs: it is refused in words, the page shows the screening that stands, and the reason
// sent comes back in the field with why, to send again or, here, to discard by keyboard.
test("a verdict from a tab opened before the entry was screened again is refused and kept until discarded", async ({ page, browserErrors }) => {
  // The refused verdict (409) is the point.
  browserErrors.allow(/status of 409/);
  await logIn(page, organiser);
  const path = `/admin/competitions/${YEAR}/entries`;
  await page.goto(path);
  await waitForHydration(page);
  const colleague = await page.context().newPage();
  await colleague.goto(path);
  await waitForHydration(colleague);
  const theirs = colleague.getByRole('listitem', { name: 'Projekt 2', exact: true });
  await theirs.getByRole('button', { name: 'Godkänn' }).click();
  await expect(theirs).toContainText('Godkänt i granskningen');
  await colleague.close();

  const item = page.getByRole('listitem', { name: 'Projekt 2', exact: true });
  const reason = 'Projektet ligger utanför årets tema.';
  await item.getByLabel('Motivering').fill(reason);
  await item.getByRole('button', { name: 'Uppfyller inte villkoren' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Bidraget har granskats i en annan flik eller av en kollega' })).toBeVisible();
  await expect(item).toContainText('Godkänt i granskningen');
  await expect(item.getByLabel('Motivering')).toHaveValue(reason);
  await expect(item.getByText(/^Fältet visar motiveringen som du skickade den .*efter att bidraget hade granskats/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Let go by keyboard: the copy is gone, and the colleague's verdict stands.
  await item.getByRole('button', { name: 'Uppfyller inte villkoren' }).focus();
  await page.keyboard.press('Tab');
  await expect(item.getByRole('button', { name: 'Ta bort den här kopian' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(item.getByText(/^Fältet visar motiveringen/)).toHaveCount(0);
  await expect(item.getByLabel('Motivering')).toHaveValue('');
  await expect(item).toContainText('Godkänt i granskningen');
  // As stored: read afresh, nothing is kept.
  await page.goto(path);
  await expect(page.getByRole('listitem', { name: 'Projekt 2', exact: true })).toContainText('Godkänt i granskningen');
  await expect(page.getByText(reason)).toHaveCount(0);
});

/** What names the first applicant: its organisation, its contact, her address. */
const firstApplicant = ['Kommun 0', 'Sökande 0', `applicant0.${stamp}`];

function expectNoneNamed(what: string, text: string) {
  expect(firstApplicant.filter((n) => text.includes(n)), what).toEqual([]);
}

/** Ticks or clears the year's anonymised review on the organiser's form, by keyboard. */
async function setAnonymous(page: Page, on: boolean) {
  await page.goto(`/admin/competitions/${YEAR}`);
  await waitForHydration(page);
  const box = page.getByLabel('Anonym bedömning', { exact: true });
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked({ checked: on });
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Tävlingsåret är sparat.');
}

test('in an anonymised review a juror finds the applicant nowhere, attachment and reading pack included', async ({ page, browser }) => {
  await logIn(page, organiser);
  await setAnonymous(page, true);

  // The juror's list and the desk, in both languages: the entry, never who sent it.
  const juror = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(juror, jurors[1]);
  await juror.goto(`/jury/${YEAR}`);
  await waitForHydration(juror);
  await expect(juror.getByText('Bedömningen är anonym')).toBeVisible();
  expectNoneNamed('the list', await juror.content());
  await expectNoAxeViolations(juror);
  await juror.getByRole('link', { name: 'Projekt 0' }).click();
  await expect(juror.getByRole('heading', { level: 1 })).toContainText('Projekt 0');
  await waitForHydration(juror);
  await expect(juror.locator('main')).toContainText('Dold – anonym bedömning');
  expectNoneNamed('the desk', await juror.content());
  await expectNoAxeViolations(juror);
  const link = juror.getByRole('link', { name: 'Bilaga 1.pdf', exact: true });
  const file = await juror.request.get((await link.getAttribute('href'))!);
  expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="Bilaga 1\.pdf"/);
  const bytes = await file.body();
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expectNoneNamed('the attachment', bytes.toString('latin1'));
  await juror.goto(`/en/jury/${YEAR}/entries/${entryIds[0]}`);
  await expect(juror.locator('main')).toContainText('Hidden – anonymised review');
  await expect(juror.getByRole('link', { name: 'Attachment 1.pdf', exact: true })).toBeVisible();
  expectNoneNamed('the English desk', await juror.content());

  // The reading pack: the PDF's text, the zip's names and files.
  const pack = await pdfText(await (await juror.request.get(`/jury/${YEAR}/reading-pack.pdf`)).body());
  for (const part of ['Projekt 0', 'Projekt 2', 'Dold – anonym bedömning', 'Bilaga 1.pdf']) expect(pack).toContain(part);
  expectNoneNamed('the reading pack', pack);
  const zip = unzip(await (await juror.request.get(`/jury/${YEAR}/reading-pack.zip`)).body());
  expect([...zip.keys()]).toEqual([expect.stringMatching(new RegExp(`^ECPA-${YEAR}-\\d+/Bilaga 1\\.pdf$`))]);
  expectNoneNamed('the zipped attachment', [...zip.values()][0].toString('latin1'));
  await juror.context().close();

  // The organiser reads it all as sent, the reading copy too; then turns anonymity off again.
  const copy = await pdfText(await (await page.request.get(`/entries/${entryIds[0]}/reading-copy.pdf`)).body());
  for (const name of firstApplicant) expect(copy).toContain(name);
  expect(copy).toContain(`Kommun 0 ${stamp} plan.pdf`);
  await page.goto(`/admin/competitions/${YEAR}/entries`);
  await expect(page.locator('main')).toContainText('Kommun 0');
  await setAnonymous(page, false);
});

// A juror's reason for a conflict of interest, too long, is refused by keyboard and comes back
// in the field, marked, with a notice; the juror still judges the entry. Corrected, it is
// declared, and the entry leaves the juror's list.
test("a juror declares a conflict of interest; a reason too long stays in the field until it is corrected", async ({ page, browserErrors }) => {
  // Once declared, the entry's page refuses the juror (409) and says why: the point.
  browserErrors.allow(/status of 409/);
  await logIn(page, jurors[2]);
  await page.goto(`/jury/${YEAR}/entries/${entryIds[0]}`);
  await waitForHydration(page);
  const tooLong = `Jag har arbetat i projektet. ${'Jag satt i projektets styrgrupp under ett år. '.repeat(120)}`.trim();
  await page.getByLabel('Skäl *').fill(tooLong);
  await page.getByRole('button', { name: 'Anmäl jäv' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Skäl *')).toHaveValue(tooLong);
  await expect(page.getByLabel('Skäl *')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/^Fältet visar skälet som du skickade den/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Projekt 0');
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  // The reason is back in the field whenever the juror comes to the entry; corrected, it is
  // declared.
  await page.goto(`/jury/${YEAR}`);
  await waitForHydration(page);
  await expect(page.locator('#jury-progress')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Projekt 0' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Projekt 0');
  await expect(page.getByText(/^Fältet visar skälet som du skickade den/)).toBeVisible();
  await expect(page.getByLabel('Skäl *')).toHaveValue(tooLong);
  await page.getByLabel('Skäl *').fill('Jag har arbetat i projektet.');
  await page.getByRole('button', { name: 'Anmäl jäv' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Du har anmält jäv');
  await page.goto(`/jury/${YEAR}`);
  await expect(page.getByRole('row', { name: /Projekt 0/ })).toContainText('Jäv');
  await expect(page.getByRole('link', { name: 'Projekt 0' })).toHaveCount(0);
});

// The organiser's record of a juror's conflict, refused as too long, comes back in the form
// with the entry and the juror as they were chosen; discarded by keyboard, the form starts
// empty again. Nothing is recorded.
test("the organiser's record of a conflict that is refused stays in the form until it is discarded", async ({ page }) => {
  await logIn(page, organiser);
  await page.goto(`/admin/competitions/${YEAR}/jury`);
  await waitForHydration(page);
  const form = page.locator('form[action="/api/add_conflict"]');
  await form.getByLabel('Bidrag', { exact: true }).selectOption({ index: 3 });
  await form.getByLabel('Jurymedlem', { exact: true }).selectOption({ index: 1 });
  const [entry, juror] = [await form.getByLabel('Bidrag', { exact: true }).inputValue(), await form.getByLabel('Jurymedlem', { exact: true }).inputValue()];
  const tooLong = `Jurymedlemmen har arbetat i projektet. ${'Hon satt i styrgruppen under ett år. '.repeat(150)}`.trim();
  await form.getByLabel('Skäl *').fill(tooLong);
  await form.getByRole('button', { name: 'Registrera jäv' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Formuläret visar jävet som du skickade den/)).toBeVisible();
  await expect(form.getByLabel('Skäl *')).toHaveValue(tooLong);
  await expect(form.getByLabel('Skäl *')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Bidrag', { exact: true })).toHaveValue(entry);
  await expect(form.getByLabel('Jurymedlem', { exact: true })).toHaveValue(juror);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Ta bort den här kopian' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Formuläret visar jävet/)).toHaveCount(0);
  await expect(form.getByLabel('Skäl *')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Ta bort den här kopian' })).toHaveCount(0);
});

// A juror fills their first sheet in the browser, by keyboard, beside the entry on a wide
// screen and below it on a narrow one.
test('a juror scores an entry by keyboard, on a wide screen and a narrow one', async ({ browser }) => {
  const juror = await (await browser.newContext({ baseURL: base })).newPage();
  // The page's timers run on a clock the test can move on: it flows as usual until then.
  await juror.clock.install();
  await logIn(juror, jurors[1]);
  await juror.goto(`/jury/${YEAR}/entries/${entryIds[1]}`);
  await waitForHydration(juror);
  await expect(juror.locator('.others-hidden')).toHaveText('Visas när du har skickat in din egen bedömning.');
  // The desk: on a wide screen the sheet sits beside the entry and stays in view while the
  // entry scrolls; the index leads to a part of the entry.
  const entryColumn = (await juror.locator('.desk-entry').boundingBox())!;
  const sheet = juror.locator('.desk-sheet');
  expect((await sheet.boundingBox())!.x).toBeGreaterThanOrEqual(entryColumn.x + entryColumn.width);
  await juror.getByRole('navigation', { name: 'Bidragets delar' }).getByRole('link', { name: 'Utvärdering och resultat' }).click();
  await expect(juror.getByRole('heading', { name: 'Utvärdering och resultat', exact: true })).toBeInViewport();
  await expect(juror.getByRole('group', { name: 'Poäng – Tema', exact: true })).toBeInViewport();
  // Every control of the sheet is reachable by Tab and stays in sight when focused.
  await expectFocusNeverObscured(juror, juror.locator('form[action="/api/save_scores"]'));
  // Scoring by keyboard: each criterion's scores are one stop for Tab, with what each means;
  // the arrow keys choose, Tab goes on to the comment and then to the next criterion.
  const criteria = ['Tema', 'Utvärderad effekt', 'Nytänkande', 'Samverkan', 'Överförbarhet'];
  const scoresOf = (name: string) => juror.getByRole('group', { name: `Poäng – ${name}`, exact: true });
  await expect(scoresOf('Utvärderad effekt').getByRole('radio', { name: '4 Utvärderad; de flesta mål är nådda, med belägg för effekt på brott eller trygghet.', exact: true })).toBeVisible();
  await scoresOf('Tema').getByRole('radio', { name: 'Ingen poäng än', exact: true }).focus();
  for (const [n, name] of criteria.entries()) {
    await expect(scoresOf(name).getByRole('radio', { name: 'Ingen poäng än', exact: true })).toBeFocused();
    for (let step = 0; step < 5; step++) await juror.keyboard.press('ArrowDown');
    await expect(scoresOf(name).getByRole('radio', { name: /^4 / })).toBeChecked();
    await juror.keyboard.press('Tab');
    await expect(juror.locator(`#entry-scores-${n}-comment`)).toBeFocused();
    if (n === 1) await juror.keyboard.type('Utvärderingen är gjord av en forskare utanför projektet.');
    await juror.keyboard.press('Tab');
  }
  await expect(juror.getByLabel('Sammanfattande kommentar')).toBeFocused();
  // The save status ends the sheet, pinned at its bottom: in sight at the last criterion,
  // which lies far below the top of the sheet.
  expect(await sheet.evaluate((s) => s.scrollTop)).toBeGreaterThan(0);
  await expect(juror.locator('#save-state')).toBeInViewport();
  // The draft saves itself a couple of seconds after the last change.
  await expect(juror.locator('#save-state')).toContainText(/Sparat kl\. \d\d\.\d\d/, { timeout: 15_000 });
  // Then the overall comment, and "submit" at once, well within the two seconds before the
  // autosave would fire: the sheet is submitted with the comment, and nothing fails afterwards
  // (this used to panic: a timer of the old sheet firing after the page re-rendered).
  await juror.getByLabel('Sammanfattande kommentar').fill('Ett starkt bidrag.');
  await juror.getByRole('button', { name: 'Skicka in bedömningen' }).click();
  await expect(juror.getByRole('status').filter({ hasText: 'Din bedömning är inskickad' })).toBeVisible();
  await expect(juror.getByLabel('Sammanfattande kommentar')).toHaveValue('Ett starkt bidrag.');
  // Every timer the comment set runs now, well past the autosave's two seconds.
  await juror.clock.runFor(3_000);
  await expect(scoresOf('Samverkan').getByRole('radio', { name: /^4 / })).toBeChecked();
  await expect(juror.locator('#entry-scores-1-comment')).toHaveValue('Utvärderingen är gjord av en forskare utanför projektet.');
  await expectNoAxeViolations(juror);
  // On a narrow screen the sheet follows the entry and its save bar is pinned to the bottom of
  // the window: it still hides no focused control, and the status stays in sight mid-sheet.
  await juror.setViewportSize({ width: 800, height: 700 });
  await expectFocusNeverObscured(juror, juror.locator('form[action="/api/save_scores"]'));
  await juror.locator('#entry-scores-2-comment').focus();
  await expect(juror.locator('#entry-scores-2-comment')).toBeInViewport();
  await expect(juror.locator('#save-state')).toBeInViewport();
  await expect(juror.locator('#save-state')).toContainText('Din bedömning är inskickad');
  await expectNoAxeViolations(juror);
});

// Everyone scores every other entry they may through the server functions; the conflicted
// juror can neither score nor read the entry they declared.
test('the jurors score the rest; the conflicted juror neither scores nor reads that entry', async ({ browser, browserErrors }) => {
  // The conflicted juror's refused page (409) is the point.
  browserErrors.allow(/status of 409/);
  // (juror index, entry index) → score for all criteria.
  const scores: Record<string, number[]> = {
    [jurors[0]]: [5, 3, 4, 2],
    [jurors[1]]: [4, 4, 3, 2],
    [jurors[2]]: [0, 3, 5, 2],
  };
  for (const [n, email] of jurors.entries()) {
    const api = await request.newContext({ baseURL: base });
    await call(api, 'login', { email, password, lang: 'sv' });
    for (const [i, id] of entryIds.entries()) {
      if (n === 2 && i === 0) {
        const res = await api.post('/api/save_scores', {
          form: { entry_id: id, revision: '0', submit: 'true', 'sheet[overall_comment]': 'x' },
        });
        expect(res.status(), 'a conflicted juror cannot score').toBe(409);
        continue;
      }
      if (n === 1 && i === 1) continue;
      const form: Record<string, string> = { entry_id: id, revision: '0', submit: 'true', 'sheet[overall_comment]': `Kommentar ${n}` };
      ['theme', 'effect', 'innovation', 'cooperation', 'replicability'].forEach((key, k) => {
        form[`sheet[scores][${k}][key]`] = key;
        form[`sheet[scores][${k}][score]`] = String(scores[email][i]);
      });
      await call(api, 'save_scores', form);
    }
    await api.dispose();
  }

  // Now that the juror has submitted, others' scores are visible to them; the conflicted juror
  // still sees nothing of entry 0.
  const juror = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(juror, jurors[1]);
  await juror.goto(`/jury/${YEAR}/entries/${entryIds[1]}`);
  await expect(juror.getByRole('heading', { level: 1 })).toContainText('Projekt 1');
  await expect(juror.locator('ul.others > li')).toHaveCount(2);
  const conflicted = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(conflicted, jurors[2]);
  const res = await conflicted.goto(`/jury/${YEAR}/entries/${entryIds[0]}`);
  expect(res?.status()).toBe(409);
  await expect(conflicted.locator('main')).not.toContainText('Kommentar 0');
  await expect(conflicted.locator('main')).not.toContainText('Ett starkt bidrag');
  const thread = await conflicted.goto(`/jury/discussion/${entryIds[0]}`);
  expect(thread?.status()).toBe(409);
});

test('the juror goes between entries by keyboard, reads the sheet on a phone, and joins the discussion', async ({ browser }) => {
  const juror = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(juror, jurors[1]);
  await juror.goto(`/jury/${YEAR}/entries/${entryIds[1]}`);
  await waitForHydration(juror);
  await expect(juror.getByRole('heading', { level: 1 })).toHaveText('Bedöm bidraget: Projekt 1');
  // On to the juror's next entry and back, by keyboard.
  await juror.getByRole('link', { name: 'Nästa: Projekt 2', exact: true }).focus();
  await juror.keyboard.press('Enter');
  await expect(juror.getByRole('heading', { level: 1 })).toHaveText('Bedöm bidraget: Projekt 2');
  await juror.getByRole('link', { name: 'Föregående: Projekt 1', exact: true }).focus();
  await juror.keyboard.press('Enter');
  await expect(juror.getByRole('heading', { level: 1 })).toHaveText('Bedöm bidraget: Projekt 1');
  // On a phone the desk is one column, and the sheet one tap away.
  await juror.setViewportSize({ width: 375, height: 740 });
  await juror.getByRole('link', { name: 'Till din bedömning', exact: true }).click();
  await expect(juror.getByRole('heading', { name: 'Din bedömning', exact: true })).toBeInViewport();
  await expectNothingClipped(juror.locator('.desk-sheet'));
  await expectNoAxeViolations(juror);
  await juror.setViewportSize({ width: 1280, height: 720 });

  // With the sheet in, the juror joins the jury's discussion of the entry, by keyboard.
  await juror.getByRole('link', { name: 'Juryns diskussion om bidraget' }).click();
  await expect(juror.getByRole('heading', { level: 1 })).toHaveText('Juryns diskussion: Projekt 1');
  await expect(juror.locator('main')).toContainText('Inga inlägg ännu.');
  // Too long: refused, and the note comes back in the field as it was typed, marked.
  const note = juror.getByLabel('Inlägg *');
  const long = `Samverkan med skolan. ${'Mätningen saknar kontrollgrupp. '.repeat(160).trim()}`;
  await note.fill(long);
  await juror.getByRole('button', { name: 'Publicera inlägget' }).focus();
  await juror.keyboard.press('Enter');
  await expect(juror.getByRole('alert').filter({ hasText: 'Några uppgifter behöver rättas.' })).toBeVisible();
  await expect(note).toHaveAccessibleDescription(/Texten är för lång\./);
  await expect(note).toHaveValue(long);
  await expect(juror.getByText('Fältet visar inlägget som du skickade den')).toBeVisible();
  await expect(juror.locator('ol.notes li')).toHaveCount(0);
  await expectNoAxeViolations(juror);
  // Corrected by keyboard and published.
  await note.focus();
  await juror.keyboard.press('ControlOrMeta+a');
  await juror.keyboard.type('Samverkan med skolan är tydligt beskriven.');
  await juror.keyboard.press('Tab');
  await expect(juror.getByRole('button', { name: 'Publicera inlägget' })).toBeFocused();
  await juror.keyboard.press('Enter');
  await expect(juror.getByRole('status').filter({ hasText: 'Inlägget är publicerat för juryn.' })).toBeVisible();
  await expect(juror.locator('ol.notes li')).toHaveCount(1);
  await expect(juror.locator('ol.notes li')).toContainText('Jurymedlem Jansson');
  await expect(juror.locator('ol.notes li')).toContainText('Samverkan med skolan är tydligt beskriven.');
  await expect(juror.getByText('Fältet visar inlägget som du skickade den')).toHaveCount(0);
  await expectNoAxeViolations(juror);
  await juror.goto(`/en/jury/discussion/${entryIds[1]}`);
  await expect(juror.getByRole('heading', { level: 1 })).toHaveText("The jury’s discussion: Projekt 1");
  await expectNoAxeViolations(juror);
  await juror.context().close();
});

test('without scripts, a refused sheet is never lost: back in the form when a score is missing, on its own page when another tab saved first', async ({ browser }) => {
  const jsPage = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(jsPage, jurors[1]);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await jsPage.context().cookies());
  const sheetPath = `/jury/${YEAR}/entries/${entryIds[2]}`;
  // Two tabs on the same submitted sheet.
  const old = await scriptless.newPage();
  await old.goto(sheetPath);
  const juror = await scriptless.newPage();
  await juror.goto(sheetPath);
  const theme = juror.getByRole('group', { name: 'Poäng – Tema', exact: true });

  // The score taken away by keyboard, a comment typed, and the sheet submitted: refused, and the
  // form comes back as it was sent, the missing score marked.
  await theme.getByRole('radio', { name: /^3 / }).focus();
  for (let step = 0; step < 4; step++) await juror.keyboard.press('ArrowUp');
  await expect(theme.getByRole('radio', { name: 'Ingen poäng än', exact: true })).toBeChecked();
  const comment = 'Temat är tydligt, skrivet utan skript.';
  await juror.keyboard.press('Tab');
  await juror.keyboard.type(comment);
  await juror.getByRole('button', { name: 'Skicka in bedömningen' }).focus();
  await juror.keyboard.press('Enter');
  await expect(juror.getByRole('alert').filter({ hasText: 'Några uppgifter behöver rättas.' })).toBeVisible();
  await expect(juror.getByText('Formuläret visar bedömningen som du skickade den')).toBeVisible();
  await expect(juror.locator('#entry-scores-0-comment')).toHaveValue(comment);
  await expect(theme.getByRole('radio', { name: 'Ingen poäng än', exact: true })).toBeChecked();
  await expect(theme).toHaveAccessibleDescription(/Fyll i fältet\./);
  // The score chosen again and submitted: saved, and the form says nothing more.
  await theme.getByRole('radio', { name: 'Ingen poäng än', exact: true }).focus();
  for (let step = 0; step < 4; step++) await juror.keyboard.press('ArrowDown');
  await expect(theme.getByRole('radio', { name: /^3 / })).toBeChecked();
  await juror.getByRole('button', { name: 'Skicka in bedömningen' }).focus();
  await juror.keyboard.press('Enter');
  await expect(juror.getByRole('alert').filter({ hasText: 'Några uppgifter' })).toHaveCount(0);
  await expect(juror.getByText('Formuläret visar bedömningen')).toHaveCount(0);
  await expect(juror.locator('#entry-scores-0-comment')).toHaveValue(comment);

  // The older tab saves over it: refused, and what it sent is kept, one link away.
  const stale = 'Från en gammal flik, som inte får gå förlorad.';
  await old.getByLabel('Sammanfattande kommentar').fill(stale);
  await old.getByRole('button', { name: 'Spara', exact: true }).focus();
  await old.keyboard.press('Enter');
  await expect(old.getByRole('alert').filter({ hasText: 'Bedömningen hade sparats i en annan flik' })).toBeVisible();
  await expect(old.getByLabel('Sammanfattande kommentar')).not.toHaveValue(stale);
  await expect(old.locator('#entry-scores-0-comment')).toHaveValue(comment);
  await old.getByRole('link', { name: 'Visa bedömningen som inte sparades' }).focus();
  await old.keyboard.press('Enter');
  await expect(old.getByRole('heading', { level: 1 })).toHaveText('Bedömning som inte sparades: Projekt 2');
  await expect(old.locator('main')).toContainText(stale);
  await expect(old.locator('main')).toContainText('Bedömningen hade sparats i en annan flik efter att du öppnade den.');
  // The page passes axe (with scripts, where axe runs), in both languages.
  for (const path of [`/jury/unsaved/${entryIds[2]}`, `/en/jury/unsaved/${entryIds[2]}`]) {
    await jsPage.goto(path);
    await expect(jsPage.locator('main')).toContainText(stale);
    await expectNoAxeViolations(jsPage);
  }
  await jsPage.goto(sheetPath);
  await expectNoAxeViolations(jsPage);
  // Discarded by keyboard: back to the sheet, which no longer points to it.
  await old.getByRole('button', { name: 'Ta bort den här kopian' }).focus();
  await old.keyboard.press('Enter');
  await expect(old.getByRole('heading', { level: 1 })).toHaveText('Bedöm bidraget: Projekt 2');
  await expect(old.getByRole('link', { name: 'Visa bedömningen som inte sparades' })).toHaveCount(0);
  await scriptless.close();
  await jsPage.context().close();
});

test("the organiser's overview shows the entries week by week, each juror's sheets and what comes next", async ({ page }) => {
  await logIn(page, organiser);
  await page.goto(`/admin/competitions/${YEAR}`);
  await page.getByRole('link', { name: 'Översikt', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Översikt ${YEAR}`);
  // Four entries were started and sent this week.
  const submitted = page.getByRole('figure', { name: 'Inskickade bidrag, sammanlagt vid veckans slut' });
  await expect(submitted.locator('.bar-value').last()).toHaveText('4');
  // Every juror has scored what they may; the conflicted one stands aside from one entry.
  const cells = page.getByRole('row', { name: /Jävig Johansson/ }).getByRole('cell');
  await expect(cells).toHaveText(['3', '3', '0', '0', '1']);
  await expect(page.getByRole('row', { name: /Ordförande Olsson \(ordförande\)/ }).getByRole('cell')).toHaveText(['4', '4', '0', '0', '0']);
  await expect(page.locator('.due-list')).toContainText('Bedömningen stänger');
  await expectNoAxeViolations(page);
  await page.goto(`/en/admin/competitions/${YEAR}/dashboard`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Overview ${YEAR}`);
  await expect(page.locator('.due-list')).toContainText('Judging closes');
  await expectNoAxeViolations(page);
});

test('after judging the chair sees the ranking, its charts and the meeting grid', async ({ page, browser }) => {
  // Judging closes: deliberation starts.
  await logIn(page, organiser);
  const now = Date.now();
  await setDates(page, {
    'Sista tidpunkt för bidrag': new Date(now - 5 * minute),
    'Bedömning börjar': new Date(now - 4 * minute),
    'Överläggning börjar': new Date(now - 2 * minute),
  });
  await page.goto(`/jury/${YEAR}/progress`);
  await expect(page.locator('table.matrix')).toContainText('Jäv');
  await expectNoAxeViolations(page);

  const chair = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(chair, jurors[0]);
  await chair.goto(`/jury/${YEAR}`);
  await chair.getByRole('link', { name: 'Rangordning och beslut' }).click();
  await expect(chair.getByRole('heading', { level: 1 })).toHaveText(`Rangordning ${YEAR}`);
  await waitForHydration(chair);
  await expect(chair.locator('p.notice')).toContainText('utvärderad effekt');
  // Means: Projekt 0 (5 + 4)/2 = 4.5 (the conflicted juror excluded), Projekt 2 4.0,
  // Projekt 1 (3 + 4 + 3)/3 = 3.33, Projekt 3 2.0.
  const rows = chair.locator('table tbody tr');
  await expect(rows.nth(0)).toContainText('Projekt 0');
  await expect(rows.nth(0)).toContainText('4,50');
  await expect(rows.nth(0)).toContainText('Jäv: Jävig Johansson');
  await expect(rows.nth(1)).toContainText('Projekt 2');
  // The charts: a value axis with its ticks and title, every title whole, nothing clipped,
  // on a wide screen and on a phone.
  const spread = chair.locator('figure.chart').first();
  await expect(spread.locator('.bar-label')).toHaveText(['Projekt 0', 'Projekt 2', 'Projekt 1', long]);
  await expect(spread.locator('.tick')).toHaveText(['0,00', '0,25', '0,50', '0,75', '1,00']);
  await expect(spread.locator('.axis-title')).toHaveText('Standardavvikelse i poäng');
  await expect(chair.locator('.small-multiples figure.chart')).toHaveCount(5);
  for (const width of [1280, 375]) {
    await chair.setViewportSize({ width, height: 800 });
    for (const chart of await chair.locator('figure.chart').all()) await expectNothingClipped(chart);
  }
  await chair.setViewportSize({ width: 1280, height: 720 });
  await expectNoAxeViolations(chair);

  // The meeting grid, from the ranking: every juror's score of every entry, the odd one out
  // marked in words; a criterion chosen by keyboard.
  await chair.getByRole('link', { name: 'Rutnät för juryns möte' }).click();
  await expect(chair.getByRole('heading', { level: 1 })).toHaveText(`Juryns rutnät ${YEAR}`);
  const grid = chair.getByRole('table', { name: 'Poäng per jurymedlem och bidrag: Totalt (viktat)' });
  await expect(grid.getByRole('columnheader')).toContainText(['Jurymedlem Jansson', 'Jävig Johansson', 'Ordförande Olsson']);
  await expect(grid.getByRole('row', { name: /Projekt 0/ })).toContainText('Jäv');
  await expectNoAxeViolations(chair);
  await chair.getByRole('link', { name: 'Utvärderad effekt', exact: true }).focus();
  await chair.keyboard.press('Enter');
  await expect(chair.getByRole('table', { name: 'Poäng per jurymedlem och bidrag: Utvärderad effekt' })).toBeVisible();
  await expect(chair.getByRole('link', { name: 'Utvärderad effekt', exact: true })).toHaveAttribute('aria-current', 'page');
  await chair.context().close();
});

test('the chair records the winner; without scripts no decision sent is lost', async ({ page, browser }) => {
  await logIn(page, organiser);
  const chair = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(chair, jurors[0]);

  // Without scripts and by keyboard, no decision sent is lost. The organiser opens the form
  // now, and sends it only after the chair has recorded.
  const organiserContext = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await organiserContext.addCookies(await page.context().cookies());
  const plainOrganiser = await organiserContext.newPage();
  await plainOrganiser.goto(`/jury/${YEAR}/ranking`);
  const late = 'Arrangörens motivering, skickad för sent.';
  await plainOrganiser.getByLabel('Juryns motivering på svenska *').fill(late);
  // The chair gives Projekt 0 two places: refused, and the form comes back as it was sent,
  // the runners-up marked.
  const chairContext = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await chairContext.addCookies(await chair.context().cookies());
  const plainChair = await chairContext.newPage();
  await plainChair.goto(`/jury/${YEAR}/ranking`);
  const motivation = 'Ett **väl utvärderat** arbete som minskar återfall.';
  await plainChair.getByLabel('Projekt 0').first().focus();
  await plainChair.keyboard.press('Space');
  await plainChair.getByLabel('Juryns motivering på svenska *').focus();
  await plainChair.keyboard.type(motivation);
  await plainChair.getByRole('button', { name: 'Registrera beslutet' }).focus();
  await plainChair.keyboard.press('Enter');
  await expect(plainChair.getByRole('alert').filter({ hasText: 'Några uppgifter behöver rättas.' })).toBeVisible();
  await expect(plainChair.getByText('Formuläret visar beslutet som du skickade den')).toBeVisible();
  await expect(plainChair.getByRole('group', { name: 'Andraplatser' })).toContainText('Ett bidrag kan bara ha en plats i beslutet');
  await expect(plainChair.getByLabel('Projekt 0').first()).toBeChecked();
  await expect(plainChair.getByLabel('Juryns motivering på svenska *')).toHaveValue(motivation);
  await chairContext.close();

  // The chair's other page shows it too: corrected there, and recorded.
  await chair.goto(`/jury/${YEAR}/ranking`);
  await waitForHydration(chair);
  await expect(chair.getByText('Formuläret visar beslutet som du skickade den')).toBeVisible();
  await expectNoAxeViolations(chair);
  await chair.getByLabel('Projekt 0').first().uncheck();
  await chair.getByLabel('Vinnare *').selectOption({ label: 'Projekt 0' });
  await chair.getByLabel('Projekt 2').first().check();
  await chair.getByLabel('Juryns motivering på svenska *').fill('Ett **väl utvärderat** arbete som minskar återfall.');
  await chair.getByRole('button', { name: 'Registrera beslutet' }).click();
  await expect(chair.getByRole('status').filter({ hasText: 'Beslutet registrerades' })).toBeVisible();
  await expect(chair.getByText('Formuläret visar beslutet')).toHaveCount(0);
  await expectNoAxeViolations(chair);

  // The organiser's tab sends its decision now: refused in words, kept for the organiser alone and
  // listed with why, and discarded by keyboard.
  await plainOrganiser.getByRole('button', { name: 'Registrera beslutet' }).focus();
  await plainOrganiser.keyboard.press('Enter');
  await expect(plainOrganiser.getByRole('alert').filter({ hasText: 'Juryns beslut för året är redan registrerat.' })).toBeVisible();
  await expect(plainOrganiser.getByRole('status').filter({ hasText: 'Beslutet registrerades' })).toBeVisible();
  await expect(plainOrganiser.getByRole('heading', { name: 'Beslut som inte registrerades' })).toBeVisible();
  await expect(plainOrganiser.locator('main')).toContainText('Ett beslut hade redan registrerats när ditt skickades.');
  await expect(plainOrganiser.locator('main')).toContainText(late);
  await chair.goto(`/jury/${YEAR}/ranking`);
  await expect(chair.getByRole('heading', { name: 'Juryns beslut' })).toBeVisible();
  await expect(chair.locator('main')).not.toContainText(late);
  for (const path of [`/jury/${YEAR}/ranking`, `/en/jury/${YEAR}/ranking`]) {
    await page.goto(path);
    await expect(page.locator('main')).toContainText(late);
    await expectNoAxeViolations(page);
  }
  await plainOrganiser.getByRole('button', { name: 'Ta bort den här kopian' }).focus();
  await plainOrganiser.keyboard.press('Enter');
  await expect(plainOrganiser.getByRole('status').filter({ hasText: 'Beslutet registrerades' })).toBeVisible();
  await expect(plainOrganiser.getByRole('heading', { name: 'Beslut som inte registrerades' })).toHaveCount(0);
  await organiserContext.close();

  // With the decision recorded, the organiser's conflict form on the jury page has given way
  // to why.
  await open(page, `/admin/competitions/${YEAR}/jury`);
  await expect(page.getByText('Jäv registreras till dess juryn har beslutat.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registrera jäv' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('before publication the chair reopens the decision with a reason, without scripts and by keyboard, and records it again', async ({ page, browser }) => {
  // The chair, without scripts: the reopening is a plain form, used by keyboard.
  const chairPage = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(chairPage, jurors[0]);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await chairPage.context().cookies());
  const chair = await scriptless.newPage();
  await chair.goto(`/jury/${YEAR}/ranking`);
  await expect(chair.getByRole('heading', { name: 'Öppna beslutet igen', exact: true })).toBeVisible();
  // Without a reason: refused in words, and the decision stands.
  await chair.getByRole('button', { name: 'Öppna beslutet igen', exact: true }).focus();
  await chair.keyboard.press('Enter');
  await expect(chair.getByRole('alert').filter({ hasText: 'Några uppgifter behöver rättas.' })).toBeVisible();
  await expect(chair.getByLabel('Skäl till att beslutet öppnas igen *')).toHaveAccessibleDescription(/Fyll i fältet\./);
  await expect(chair.getByRole('status').filter({ hasText: 'Beslutet registrerades' })).toBeVisible();
  // Too long: refused, and the reason comes back in the field as it was typed, marked.
  const field = chair.getByLabel('Skäl till att beslutet öppnas igen *');
  const long = `Andraplatsen ska omprövas. ${'Underlaget var ofullständigt. '.repeat(170).trim()}`;
  await field.fill(long);
  await chair.getByRole('button', { name: 'Öppna beslutet igen', exact: true }).focus();
  await chair.keyboard.press('Enter');
  await expect(chair.getByRole('alert').filter({ hasText: 'Några uppgifter behöver rättas.' })).toBeVisible();
  await expect(field).toHaveAccessibleDescription(/Texten är för lång\./);
  await expect(field).toHaveValue(long);
  await expect(chair.getByText('Fältet visar skälet som du skickade den')).toBeVisible();
  // The page as the chair reads it again (axe runs with scripts), the reason still in the field.
  await chairPage.goto(`/jury/${YEAR}/ranking`);
  await waitForHydration(chairPage);
  await expect(chairPage.getByLabel('Skäl till att beslutet öppnas igen *')).toHaveValue(long);
  await expectNoAxeViolations(chairPage);
  // A second tab, opened while the decision stands.
  const stale = await scriptless.newPage();
  await stale.goto(`/jury/${YEAR}/ranking`);
  // Corrected by keyboard and sent.
  const reason = 'Andraplatsen ska omprövas.';
  await field.focus();
  await chair.keyboard.press('ControlOrMeta+a');
  await chair.keyboard.type(reason);
  await chair.keyboard.press('Tab');
  await expect(chair.getByRole('button', { name: 'Öppna beslutet igen', exact: true })).toBeFocused();
  await chair.keyboard.press('Enter');
  await expect(chair.getByRole('status').filter({ hasText: 'Beslutet är öppnat igen.' })).toBeVisible();
  await expect(chair.getByText('Fältet visar skälet som du skickade den')).toHaveCount(0);
  // The second tab's reason is refused, announced, and kept for its writer until discarded.
  const second = 'Motiveringen behöver skrivas om.';
  await stale.getByLabel('Skäl till att beslutet öppnas igen *').fill(second);
  await stale.getByRole('button', { name: 'Öppna beslutet igen', exact: true }).focus();
  await stale.keyboard.press('Enter');
  await expect(stale.getByRole('alert').filter({ hasText: 'Det finns inget registrerat beslut att öppna igen.' })).toBeVisible();
  await expect(stale.getByRole('heading', { name: 'Skäl som inte sparades' })).toBeVisible();
  await expect(stale.getByText(second, { exact: true })).toBeVisible();
  await expect(stale.locator('ul.reopenings')).not.toContainText(second);
  await chairPage.goto(`/jury/${YEAR}/ranking`);
  await waitForHydration(chairPage);
  await expect(chairPage.getByRole('heading', { name: 'Skäl som inte sparades' })).toBeVisible();
  await expectNoAxeViolations(chairPage);
  await stale.getByRole('button', { name: 'Ta bort den här kopian' }).focus();
  await stale.keyboard.press('Enter');
  await expect(stale.getByRole('heading', { name: 'Skäl som inte sparades' })).toHaveCount(0);
  await expect(stale.locator('ul.reopenings')).toContainText(reason);
  await expect(chair.locator('ul.reopenings')).toContainText(`Ordförande Olsson öppnade beslutet från`);
  await expect(chair.locator('ul.reopenings')).toContainText(reason);
  // The form starts from the decision taken back.
  await expect(chair.getByLabel('Vinnare *')).toHaveValue(entryIds[0]);
  await expect(chair.getByLabel('Projekt 2').first()).toBeChecked();
  await expect(chair.getByLabel('Juryns motivering på svenska *')).toHaveValue('Ett **väl utvärderat** arbete som minskar återfall.');
  await scriptless.close();

  // The organiser cannot publish a decision that is not there.
  await logIn(page, organiser);
  await page.goto(`/admin/competitions/${YEAR}/results`);
  await expect(page.locator('#release-status')).toHaveText('Juryn har inte registrerat något beslut. Resultatet kan publiceras först efter beslutet.');
  await expect(page.getByRole('button', { name: 'Publicera resultatet' })).toHaveCount(0);

  // With scripts, the chair records the new decision: Projekt 1 second instead of Projekt 2.
  await chairPage.goto(`/jury/${YEAR}/ranking`);
  await waitForHydration(chairPage);
  await expectNoAxeViolations(chairPage);
  await chairPage.getByLabel('Projekt 2').first().uncheck();
  await chairPage.getByLabel('Projekt 1').first().check();
  await chairPage.getByRole('button', { name: 'Registrera beslutet' }).click();
  await expect(chairPage.getByRole('status').filter({ hasText: 'Beslutet registrerades' })).toBeVisible();
  await expect(chairPage.locator('ul.reopenings')).toContainText(reason);
  await expectNoAxeViolations(chairPage);
  await chairPage.goto(`/en/jury/${YEAR}/ranking`);
  await expect(chairPage.getByRole('heading', { name: 'Decisions reopened' })).toBeVisible();
  await expect(chairPage.getByRole('button', { name: 'Reopen the decision', exact: true })).toBeVisible();
  await expectNoAxeViolations(chairPage);
  await chairPage.context().close();
});

test('once the results are public, the chair prepares the feedback without scripts, the organiser releases it and the applicant reads it; neither preparer writes over the other', async ({ page, browser }) => {
  await logIn(page, organiser);
  await page.goto(`/admin/competitions/${YEAR}/results`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Publicera resultatet' }).click();
  await expect(page.locator('#release-status')).toContainText('Resultatet är publicerat sedan');
  // The organiser opens the entry's feedback before the chair saves it.
  const earlier = await page.context().newPage();
  await earlier.goto(`/jury/feedback/${entryIds[0]}`);
  await expect(earlier.getByRole('heading', { level: 1 })).toContainText('Återkoppling till den sökande');

  // The chair, without scripts: from the ranking to the entry's feedback, choosing a comment
  // by keyboard. No juror is named on the page.
  const chairPage = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(chairPage, jurors[0]);
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await chairPage.context().cookies());
  const chair = await scriptless.newPage();
  await chair.goto(`/jury/${YEAR}/ranking`);
  await chair.getByRole('row', { name: /Projekt 0/ }).getByRole('link', { name: 'Återkoppling', exact: true }).click();
  await expect(chair.getByRole('heading', { level: 1 })).toContainText('Återkoppling till den sökande');
  await expect(chair.locator('main')).not.toContainText('Olsson');
  await expect(chair.locator('main')).not.toContainText('Jansson');
  await expect(chair.getByRole('button', { name: 'Släpp återkopplingen' })).toHaveCount(0);
  await chair.getByLabel('Sammanfattning på svenska').fill('Juryn uppskattar den tydliga uppföljningen.');
  const comment = chair.getByRole('checkbox', { name: /Helhetsbedömning: Kommentar 0/ });
  await comment.focus();
  await chair.keyboard.press('Space');
  await chair.getByRole('button', { name: 'Spara återkopplingen' }).click();
  await expect(chair.getByRole('status').filter({ hasText: 'Återkopplingen är sparad.' })).toBeVisible();
  await expect(chair.getByRole('checkbox', { name: /Helhetsbedömning: Kommentar 0/ })).toBeChecked();
  await scriptless.close();
  // The same page passes axe (with scripts, where axe runs).
  await chairPage.goto(`/jury/feedback/${entryIds[0]}`);
  await expectNoAxeViolations(chairPage);
  await chairPage.context().close();

  // The organiser's page from before is refused rather than written over the chair's text. The
  // form shows what is saved; what the organiser typed is kept under it, and discarded by
  // keyboard.
  await earlier.getByLabel('Sammanfattning på svenska').fill('Arrangörens egen sammanfattning.');
  await earlier.getByRole('button', { name: 'Spara återkopplingen' }).click();
  await expect(earlier.getByRole('alert').filter({ hasText: 'Återkopplingen har sparats i en annan flik eller av någon annan' })).toBeVisible();
  await expect(earlier.getByLabel('Sammanfattning på svenska')).toHaveValue('Juryn uppskattar den tydliga uppföljningen.');
  const copy = earlier.getByRole('region', { name: 'Din återkoppling som inte sparades' });
  await expect(copy).toContainText('Arrangörens egen sammanfattning.');
  await expect(copy).toContainText('Återkopplingen hade sparats i en annan flik eller av någon annan efter att du öppnade sidan.');
  await expectNoAxeViolations(earlier);
  await copy.getByRole('button', { name: 'Ta bort den här kopian' }).focus();
  await earlier.keyboard.press('Enter');
  await expect(earlier.getByRole('status').filter({ hasText: 'Kopian är borttagen.' })).toBeVisible();
  await expect(copy).toHaveCount(0);
  await earlier.close();

  // The organiser sees it prepared in the year's overview and releases it.
  await page.reload();
  const row = page.locator('table.feedback-overview').getByRole('row', { name: /Projekt 0/ });
  await expect(row).toContainText('Förberedd, inte släppt');
  await expectNoAxeViolations(page);
  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Släpp återkopplingen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Återkopplingen är släppt' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The applicant is mailed a link to it, and reads it under the entry in both languages.
  const applicant = `applicant0.${stamp}@example.se`;
  const mail = plain(await waitForMail(applicant, 'Läs juryns återkoppling'));
  const link = mail.match(/https?:\/\/\S*\/entries\/\d+\/feedback/)![0];
  expect(new URL(link).pathname).toBe(`/entries/${entryIds[0]}/feedback`);
  const reader = await (await browser.newContext({ baseURL: base })).newPage();
  await logIn(reader, applicant);
  await reader.goto(new URL(link).pathname);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Juryns återkoppling – Projekt 0');
  await expect(reader.locator('main')).toContainText('Juryn uppskattar den tydliga uppföljningen.');
  await expect(reader.locator('main')).toContainText('Kommentar 0');
  await expect(reader.locator('main')).not.toContainText('Kommentar 1');
  await expect(reader.locator('main')).not.toContainText('Olsson');
  await expectNoAxeViolations(reader);
  await reader.goto(`/en/entries/${entryIds[0]}/feedback`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('The jury’s feedback – Projekt 0');
  await expect(reader.locator('main')).toContainText('The summary is only available in Swedish.');
  await expectNoAxeViolations(reader);
  await reader.context().close();
});
