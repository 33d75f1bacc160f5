import type { Browser, Page } from '@playwright/test';
import { base } from './api';
import { expect, expectNoAxeViolations, password, waitForHydration } from './helpers';
import { plain, waitForMail } from './smtp-sink';

// A year's jury as the journeys build it: the organiser invites on the jury page, each person
// accepts in a browser of their own with a new account, and the first is made the chair.

/** The organiser (signed in on `page`) invites `people` ([address, name]) to the year's jury;
 *  each accepts, and the first becomes the chair. With `axe`, the invitation page is checked. */
export async function jurySeated(page: Page, year: string, people: [string, string][], axe = false) {
  await page.goto(`/admin/competitions/${year}/jury`);
  await waitForHydration(page);
  if (axe) await expectNoAxeViolations(page);
  for (const [email] of people) {
    await page.getByLabel('E-postadress *', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Bjud in', exact: true }).click();
    await expect(page.locator('main')).toContainText(email);
  }
  for (const [n, [email, name]] of people.entries()) {
    const link = plain(await waitForMail(email, '/jury/invitation')).match(/https?:\/\/\S*\/jury\/invitation\?token=[0-9a-f]{64}/)![0];
    const juror = await (await (page.context().browser() as Browser).newContext({ baseURL: base })).newPage();
    await juror.goto(link);
    await waitForHydration(juror);
    if (axe && n === 0) await expectNoAxeViolations(juror);
    await juror.getByLabel('Ditt namn *').fill(name);
    await juror.getByLabel('Välj ett lösenord *').fill(password);
    await juror.getByRole('button', { name: 'Tacka ja' }).click();
    await expect(juror).toHaveURL(/\/jury$/);
    await juror.context().close();
  }
  // The members who have accepted since the page was loaded, to appoint the chair among.
  await page.goto(`/admin/competitions/${year}/jury`);
  await waitForHydration(page);
  const [chairEmail, chair] = people[0];
  await page.getByRole('button', { name: `Utse till ordförande ${chair}` }).click();
  await expect(page.locator('main')).toContainText(`${chair} (${chairEmail}) – Ordförande`);
}
