import { createAdmin, expect, expectNoAxeViolations, logIn, test, waitForHydration } from './helpers';

// The European final as the EUCPN secretariat opens it: Brå's organiser gives an account the
// secretariat role; that account opens next year's final from its account page by keyboard (the
// theme, the deadline, the member states taking part) and names a national representative,
// once with an address that has no account and once with one, without scripts; then, as
// Sweden's representative, enters a good-practice project directly. Both languages are checked
// with axe. Each step is a test of its own, in order, on the same final.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const secretariat = `eucpn.${stamp}@eucpn.example`;
const year = new Date().getFullYear() + 1;

test("the EUCPN secretariat is named and opens next year's final by keyboard", async ({ page }) => {
  createAdmin(secretariat, 'EUCPN Sekretariat');
  await logIn(page, secretariat);

  // The organiser's user list gives the secretariat role (here to the same account).
  await page.goto(`/admin/users?q=${encodeURIComponent(secretariat)}`);
  await waitForHydration(page);
  const row = page.getByRole('row', { name: new RegExp(secretariat.replace(/\./g, '\\.')) });
  await row.getByLabel('EUCPN:s sekretariat').check();
  await row.getByRole('button', { name: /^Spara/ }).click();
  await expect(row.getByLabel('EUCPN:s sekretariat')).toBeChecked();

  // From the account page to next year's final, by keyboard.
  await page.goto('/account');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Europafinalen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/europe$/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: `Europafinalen ${year}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/admin/europe/${year}$`));
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Europafinalen ${year}`);
  await expect(page.getByText('Inga länder deltar ännu.')).toBeVisible();
  await expectNoAxeViolations(page);

  const theme = page.getByLabel('Tema (på engelska) *');
  await expect(theme).toHaveAttribute('lang', 'en');
  await theme.fill('Preventing the radicalisation of young people');
  await page.getByLabel('Sista dag för nationella bidrag *').fill(`${year}-10-01T12:00`);
  for (const country of ['Sverige', 'Nederländerna', 'Danmark']) {
    await page.getByLabel(country, { exact: true }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel(country, { exact: true })).toBeChecked();
  }
  await page.getByRole('button', { name: 'Öppna finalen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Spara finalen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Nederländerna', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the secretariat names representatives without scripts, and reads the final in English', async ({
  page,
  browser,
}) => {
  await logIn(page, secretariat);
  // Without scripts: an address without an account is named as such at its field; one with an
  // account is saved and shown.
  const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin });
  await plain.addCookies(await page.context().cookies());
  const noJs = await plain.newPage();
  await noJs.goto(`/admin/europe/${year}`);
  const nl = noJs.getByLabel('E-postadress till representanten för Nederländerna');
  await nl.fill(`nobody.${stamp}@politie.example`);
  await noJs.getByRole('button', { name: 'Spara representanten Nederländerna' }).click();
  await expect(noJs.locator('#entry-email-NL-error')).toContainText('Det finns inget konto med den adressen.');
  await expect(noJs.getByLabel('E-postadress till representanten för Nederländerna')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await noJs.getByLabel('E-postadress till representanten för Sverige').fill(secretariat);
  await noJs.getByRole('button', { name: 'Spara representanten Sverige' }).click();
  await expect(noJs.getByText(`Representant: EUCPN Sekretariat (${secretariat})`)).toBeVisible();
  await plain.close();

  await page.goto(`/en/admin/europe/${year}`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`European final ${year}`);
  await expect(page.getByLabel('the Netherlands', { exact: true })).toBeChecked();
  await expectNoAxeViolations(page);
});

test("as Sweden's representative the secretariat enters a good-practice project by keyboard", async ({ page }) => {
  // The same account finds the country's page from its account, and enters a good-practice
  // project directly by keyboard, which opens the entry form.
  await logIn(page, secretariat);
  await waitForHydration(page);
  await page.getByRole('link', { name: `Europafinalen ${year}: landets bidrag (Sverige)` }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/representative/${year}$`));
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bidrag till Europafinalen ${year}`);
  await expect(page.getByText('Inga projekt är anmälda ännu.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Börja skriva projektet' }).click();
  await expect(page.locator('#entry-organisation-SE-error')).toContainText('Fyll i fältet.');
  await page.getByLabel('Organisation bakom projektet *').fill('Stiftelsen Tryggare grannskap');
  await page.getByLabel('God praxis (tävlar inte)').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('God praxis (tävlar inte)')).toBeChecked();
  await page.getByRole('button', { name: 'Börja skriva projektet' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/entries\/\d+$/);
  await page.goto(`/en/representative/${year}`);
  await waitForHydration(page);
  const project = page.getByRole('row', { name: /Stiftelsen Tryggare grannskap/ });
  await expect(project).toContainText('Good practice (not competing)');
  await expect(project).toContainText('Draft');
  await expectNoAxeViolations(page);
});

test("the secretariat announces the prize money; the final's pages wait for the jury", async ({ page, browser }) => {
  // The prize money by keyboard; the results page says there is nothing to release before the
  // European jury's decision.
  await logIn(page, secretariat);
  await page.goto(`/admin/europe/${year}`);
  await waitForHydration(page);
  await page.getByLabel('Pris till vinnaren').fill('20 000 €');
  await page.getByLabel('Pris till var och en av tvåorna').fill('10000');
  await page.getByRole('button', { name: 'Spara prispengarna' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Pris till vinnaren')).toHaveValue('20000');
  await page.getByRole('link', { name: 'Resultat och publicering' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/admin/europe/${year}/results$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Resultatet av Europafinalen ${year}`);
  await expect(page.locator('#release-status')).toHaveText(/Juryn har inte registrerat något beslut/);
  await expectNoAxeViolations(page);

  // The final's public page, before its results, in both languages and without scripts.
  const visitor = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin });
  const reader = await visitor.newPage();
  await reader.goto(`/europe/${year}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`Europafinalen ${year}`);
  await expect(reader.getByText(/^20\s000\seuro$/)).toBeVisible();
  await expect(reader.getByText('Danmark, Nederländerna, Sverige')).toBeVisible();
  await expect(reader.getByText('Resultatet publiceras här när den europeiska juryn har avgjort finalen.')).toBeVisible();
  await reader.goto(`/en/europe/${year}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`European final ${year}`);
  await expect(reader.getByText('€20,000')).toBeVisible();
  await expect(reader.getByText('Preventing the radicalisation of young people')).toHaveAttribute('lang', 'en');
  await visitor.close();
  for (const path of [`/europe/${year}`, `/en/europe/${year}`]) {
    await page.goto(path);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  }
});
