import { createAdmin, expect, expectNoAxeViolations, password, test, waitForHydration } from './helpers';
import { totpCode } from './totp';


test('an admin created from the command line finds people and sees the mail outbox', async ({ page, browserErrors }) => {
  // Before logging in, the admin page answers 401, which is the point.
  browserErrors.allow(/status of 401/);
  // The same binary and database as the server under test (see .ci/test).
  const out = createAdmin('admin@bra.se', 'Brå Admin');
  expect(out).toContain('admin@bra.se is an admin');

  await page.goto('/admin/users');
  await expect(page.getByRole('alert')).toContainText('Du behöver logga in.');

  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('E-postadress *', { exact: true }).fill('admin@bra.se');
  await page.getByLabel('Lösenord *', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('main')).toContainText('Administratör');

  await page.getByRole('link', { name: 'Användare' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Användare');
  await expectNoAxeViolations(page);
  await page.getByLabel('Sök på namn eller e-postadress').fill('brå admin');
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByRole('row', { name: /admin@bra\.se/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/admin/mail');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utgående e-post');
  await expectNoAxeViolations(page);
  await page.goto('/en/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expectNoAxeViolations(page);

  // Two-step verification: QR code and key, confirmed with a code, then recovery codes.
  await page.goto('/account');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click();
  await expect(page.locator('.qr svg')).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.locator('code.secret').textContent())!.trim();
  await page.getByLabel('Kod *', { exact: true }).fill(totpCode(secret));
  await page.getByRole('button', { name: 'Bekräfta' }).click();
  await expect(page.getByRole('heading', { name: 'Dina reservkoder' })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await expectNoAxeViolations(page);
});
