import { expect, expectNoAxeViolations, test, waitForHydration } from './helpers';
import { linkIn, waitForMail } from './smtp-sink';

// One journey, in order, against the SMTP sink the server sends to (see global-setup.ts).
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const email = `anna.${stamp}@mora.se`;
const colleague = `kim.${stamp}@mora.se`;
const password = 'lingon-cykel-fjäll-7';

test('an applicant registers and verifies their address', async ({ page }) => {
  await page.goto('/register');
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  // A bad submission first: errors are announced and tied to their fields.
  await page.getByLabel('Namn *', { exact: true }).fill('Anna Berg');
  await page.getByLabel('E-postadress *', { exact: true }).fill('inte-en-adress@');
  await page.getByLabel('Lösenord *', { exact: true }).fill('kort');
  await page.getByLabel('Organisationens namn *', { exact: true }).fill('Mora kommun');
  await page.getByLabel('Typ av organisation *', { exact: true }).selectOption('municipality');
  await page.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await expect(page.getByRole('alert')).toContainText('Några uppgifter behöver rättas');
  await expect(page.getByLabel('Lösenord *', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-password-error')).toHaveText('Lösenordet måste ha minst 12 tecken.');
  await expectNoAxeViolations(page);

  await page.getByLabel('E-postadress *', { exact: true }).fill(email);
  await page.getByLabel('Lösenord *', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await expect(page).toHaveURL(/\/register\/sent$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kontrollera din e-post');
  await expectNoAxeViolations(page);

  const verification = await waitForMail(email);
  await page.goto(linkIn(verification, '/verify-email'));
  await expect(page.getByRole('status')).toHaveText('Tack! Din e-postadress är bekräftad.');
  await expectNoAxeViolations(page);
});

test('the applicant logs in, invites a colleague, reads their data and logs out', async ({ page, browserErrors }) => {
  // After logging out, the account page answers 401, which is the point.
  browserErrors.allow(/status of 401/);
  await page.goto('/login');
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByLabel('E-postadress *', { exact: true }).fill(email);
  await page.getByLabel('Lösenord *', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('main')).toContainText('Anna Berg');
  await expect(page.locator('main')).toContainText('Bekräftad');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Min organisation' }).click();
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min organisation');
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: 'E-postadress *' }).fill(colleague);
  await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(page.getByText('Inbjudan är skickad.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(colleague) })).toContainText('Väntar');
  await expectNoAxeViolations(page);
  const invitation = await waitForMail(colleague);
  expect(linkIn(invitation, '/invitation')).toContain('/invitation?token=');

  await page.goto('/account');
  await page.getByRole('link', { name: 'Se vilka uppgifter portalen har om dig' }).click();
  await expect(page).toHaveURL(/\/account\/data$/);
  await expect(page.locator('main')).toContainText(email);
  await expectNoAxeViolations(page);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/account');
  await expect(page.getByRole('alert')).toContainText('Du behöver logga in.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('the colleague accepts the invitation in English', async ({ page }) => {
  const invitation = await waitForMail(colleague);
  const link = linkIn(invitation, '/invitation').replace('/invitation?', '/en/invitation?');
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.locator('main')).toContainText('Mora kommun');
  await expectNoAxeViolations(page);
  await page.getByLabel('Name *', { exact: true }).fill('Kim Kollega');
  await page.getByLabel('Password *', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/en\/organisation$/);
  await expect(page.locator('main')).toContainText('Anna Berg');
  await expect(page.locator('main')).toContainText('Kim Kollega');
  await expectNoAxeViolations(page);
});
