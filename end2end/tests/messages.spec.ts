import { registered, writeAndSubmit, base, call } from './api';
import { createAdmin, expect, expectNoAxeViolations, logIn, open, stockholm, test } from './helpers';
import { mailsTo, waitForMail } from './smtp-sink';

// The organiser writes to the applicants of a year who still have an unsubmitted draft. Of
// three organisations, two have drafts and one has submitted: the message, sent without
// scripts, reaches exactly the two, once each, in the SMTP sink. Both languages of the page
// pass axe.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const YEAR = '2034';
const organiser = `messages-organiser.${stamp}@bra.se`;
const applicants = [`utkast1.${stamp}@hedemora.se`, `utkast2.${stamp}@avesta.se`, `klar.${stamp}@fagersta.se`];
const subject = `Utkast kvar ${stamp}`;
const day = 86_400_000;

test('a message to unsubmitted drafts reaches exactly those organisations, once each', async ({ page, browser }) => {
  createAdmin(organiser, 'Maja Utskick');
  await logIn(page, organiser);
  await open(page, '/admin/competitions/new');
  await page.getByLabel('År *', { exact: true }).fill(YEAR);
  await page.getByLabel('Tema på svenska *').fill('Utskickstest');
  await page.getByLabel('Beskrivning på svenska *').first().fill('Ett år för meddelanden till grupper.');
  await page.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() - day)));
  await page.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(Date.now() + 10 * day)));
  await page.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/competitions/${YEAR}\\?saved=1$`));

  // Two organisations start an entry; the third submits one.
  for (const [n, email] of applicants.entries()) {
    const api = await registered(email, `Sökande ${n}`, `Kommun ${n} ${stamp}`);
    const mine = await (await api.get('/api/my_entries')).json();
    const org = String(mine.organisations[0][0]);
    const id = String(await (await call(api, 'start_entry', { year: YEAR, organisation_id: org, lang: 'sv' })).json());
    if (n === 2) await writeAndSubmit(api, id, 1, 'Klart projekt', email);
    await api.dispose();
  }

  // The page, reached from the list of years, in both languages.
  await open(page, '/admin/competitions');
  await page.getByRole('link', { name: `Meddelanden ${YEAR}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Meddelanden till grupper ${YEAR}`);
  await expect(page.getByLabel('Grupp *')).toContainText('Sökande med utkast som inte är inskickade (2 mottagare just nu)');
  await expectNoAxeViolations(page);
  await open(page, `/en/admin/competitions/${YEAR}/messages`);
  await expect(page.getByLabel('Group *')).toContainText('Applicants with unsubmitted drafts (2 recipients right now)');
  await expectNoAxeViolations(page);

  // Without scripts: a missing text is said in words; then the message goes.
  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto(`/admin/competitions/${YEAR}/messages`);
  await noJs.getByLabel('Grupp *').selectOption('drafts');
  await noJs.getByLabel('Ämne på svenska *').fill(subject);
  await noJs.getByRole('button', { name: 'Skicka meddelandet' }).click();
  await expect(noJs.locator('#entry-body_sv-error')).toHaveText('Fyll i fältet.');
  // What was typed comes back in the form, which says so (and passes axe, with scripts).
  const kept = 'Formuläret visar meddelandet som du skickade den';
  await expect(noJs.getByText(kept)).toBeVisible();
  await expect(noJs.getByLabel('Grupp *')).toHaveValue('drafts');
  await expect(noJs.getByLabel('Ämne på svenska *')).toHaveValue(subject);
  await open(page, `/admin/competitions/${YEAR}/messages`);
  await expect(page.getByText(kept)).toBeVisible();
  await expectNoAxeViolations(page);
  await noJs.getByLabel('Text på svenska *').fill('Hej! Ert bidrag är inte inskickat än. Sista dagen närmar sig.');
  await noJs.getByRole('button', { name: 'Skicka meddelandet' }).click();
  await expect(noJs.getByRole('status').filter({ hasText: 'Meddelandet är skickat eller schemalagt' })).toBeVisible();
  await expect(noJs.getByText(kept)).toHaveCount(0);
  await expect(noJs.getByLabel('Ämne på svenska *')).toHaveValue('');
  const row = noJs.getByRole('row', { name: new RegExp(subject) });
  await expect(row).toContainText('Sökande med utkast som inte är inskickade');
  await expect(row.getByRole('cell').last()).toHaveText('2');
  await scriptless.close();

  // In the sink: each of the two once, the one who submitted never.
  await waitForMail(applicants[0], subject);
  await waitForMail(applicants[1], subject);
  for (const email of applicants.slice(0, 2)) expect(mailsTo(email, subject)).toHaveLength(1);
  expect(mailsTo(applicants[2], subject)).toHaveLength(0);
});

// The year's own words for the deadline reminder: found from the list of years, refused in
// words without scripts when a placeholder is misspelt, then saved and shown in the preview.
// The list and the editor pass axe in both languages.
const marker = `Påminnelse ${stamp} till`;

test('the organiser writes the year’s own reminder words, without scripts', async ({ page, browser }) => {
  await logIn(page, organiser);
  await open(page, '/admin/competitions');
  await page.getByRole('link', { name: `Mejltexter ${YEAR}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Mejltexter ${YEAR}`);
  await expectNoAxeViolations(page);
  await open(page, `/en/admin/competitions/${YEAR}/mails`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Mail texts ${YEAR}`);
  await expectNoAxeViolations(page);
  await open(page, `/admin/competitions/${YEAR}/mails`);
  const name = 'Påminnelse om utkast före sista ansökningsdag';
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} – mejltext ${YEAR}`);
  await expect(page.getByRole('listitem').filter({ hasText: '{drafts}' })).toBeVisible();
  await expectNoAxeViolations(page);
  await open(page, `/en/admin/competitions/${YEAR}/mails/deadline_reminder`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Reminder of drafts before the deadline – mail text ${YEAR}`);
  await expectNoAxeViolations(page);

  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  const editor = `/admin/competitions/${YEAR}/mails/deadline_reminder`;
  await noJs.goto(editor);
  const swedish = noJs.getByRole('group', { name: 'På svenska' });
  await swedish.getByLabel('Ämne *').fill('Utkast kvar {year}');
  await swedish.getByLabel('Text *').fill(`${marker} {organisaton}.`);
  await noJs.getByRole('button', { name: 'Spara mejltexten' }).click();
  await expect(noJs.locator('#entry-body_sv-error')).toHaveText(
    'Texten har en platshållare som det här mejlet inte fyller i. Använd bara de som listas ovan.',
  );
  await swedish.getByLabel('Ämne *').fill('Utkast kvar {year}');
  await swedish.getByLabel('Text *').fill(`${marker} {organisation}. Sista dag: {deadline}.\n{drafts}`);
  await noJs.getByRole('button', { name: 'Spara mejltexten' }).click();
  await expect(noJs.getByRole('status').filter({ hasText: 'Mejltexten är sparad.' })).toBeVisible();
  await expect(noJs.locator('.mail-preview[lang="sv"]')).toContainText(`${marker} Exempelby kommun. Sista dag:`);
  await noJs.goto(`/admin/competitions/${YEAR}/mails`);
  await expect(noJs.getByRole('row', { name: new RegExp(name) })).toContainText('Egen text');
  await scriptless.close();
});

// "Remind now" on one draft: the organiser's entries page lists the two drafts apart from the
// submitted entry; one is reminded with scripts, the other without, and a second press within
// the hour is refused in words. Each draft's organisation gets one reminder, in the year's own
// words set above, the organisation that submitted none. Both languages of the page pass axe.
test('the organiser reminds one draft now, with and without scripts', async ({ page, browser }) => {
  await logIn(page, organiser);
  await open(page, `/admin/competitions/${YEAR}/entries`);
  await expect(page.getByRole('heading', { name: 'Utkast som inte är inskickade (2)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Inskickade bidrag (1)' })).toBeVisible();
  await expectNoAxeViolations(page);
  await open(page, `/en/admin/competitions/${YEAR}/entries`);
  await expect(page.getByRole('heading', { name: 'Drafts not submitted (2)' })).toBeVisible();
  await expectNoAxeViolations(page);

  await open(page, `/admin/competitions/${YEAR}/entries`);
  await page.getByRole('button', { name: `Påminn nu (utan titel) (Kommun 0 ${stamp})`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Påminnelsen är skickad till organisationens medlemmar.' })).toBeVisible();
  await waitForMail(applicants[0], `${marker} Kommun 0 ${stamp}.`);

  const scriptless = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  await scriptless.addCookies(await page.context().cookies());
  const noJs = await scriptless.newPage();
  await noJs.goto(`/admin/competitions/${YEAR}/entries`);
  await noJs.getByRole('button', { name: `Påminn nu (utan titel) (Kommun 0 ${stamp})`, exact: true }).click();
  await expect(noJs.getByRole('alert').filter({ hasText: 'För många mejl' })).toBeVisible();
  await noJs.getByRole('button', { name: `Påminn nu (utan titel) (Kommun 1 ${stamp})`, exact: true }).click();
  await expect(noJs.getByRole('status').filter({ hasText: 'Påminnelsen är skickad till organisationens medlemmar.' })).toBeVisible();
  await scriptless.close();

  await waitForMail(applicants[1], `${marker} Kommun 1 ${stamp}.`);
  expect(mailsTo(applicants[0], marker)).toHaveLength(1);
  expect(mailsTo(applicants[1], marker)).toHaveLength(1);
  expect(mailsTo(applicants[2], marker)).toHaveLength(0);
});
