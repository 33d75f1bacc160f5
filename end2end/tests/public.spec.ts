import { expect, expectNoAxeViolations, test, waitForHydration } from './helpers';

test('a visitor finds the 2022 winner and switches to English', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expect(page).toHaveTitle('European Crime Prevention Award – Sverige');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // Public pages are documents: each link loads the next page. (Through the archive: other
  // tests may open a newer year, which the home page then shows.)
  await page.getByRole('navigation').getByRole('link', { name: 'Arkiv', exact: true }).click();
  await expect(page).toHaveURL(/\/archive$/);
  await page.getByRole('link', { name: 'ECPA 2022', exact: true }).click();
  await expect(page).toHaveURL(/\/competitions\/2022$/);
  const winner = page.locator('article.award.winner');
  await expect(winner.getByRole('heading', { name: 'Riskreducerande insatser (RRI)' })).toBeVisible();
  await expect(winner).toContainText('Polismyndigheten');
  await expect(winner).toContainText('Juryns motivering');
  await expect(page.locator('ul.entries > li')).toHaveCount(8);
  await expect(page).toHaveTitle(/^ECPA 2022: .* – ECPA Sverige$/);
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/competitions\/2022$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('article.award.winner')).toContainText('The jury’s motivation');
  await expect(page.getByRole('heading', { name: 'Other entries' })).toBeVisible();
  await expect(page).toHaveTitle(/ – ECPA Sweden$/);
  await expectNoAxeViolations(page);
});

const PAGES = [
  '/',
  '/competitions/2022',
  '/competitions/2019',
  '/archive',
  '/news',
  '/news/rri-vinner-ecpa-2022',
  '/events',
  '/events/webbinarium-vald-i-nara-relationer',
  '/subscribe',
  '/accessibility',
  '/privacy',
];

for (const lang of ['', '/en']) {
  for (const path of PAGES) {
    const url = lang && path === '/' ? lang : lang + path;
    test(`${url} is accessible and hydrates without errors`, async ({ page }) => {
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      await waitForHydration(page);
      await expect(page.locator('html')).toHaveAttribute('lang', lang ? 'en' : 'sv');
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expectNoAxeViolations(page);
    });
  }
}

test('what each score means opens under its criterion by keyboard, in both languages', async ({ page }) => {
  for (const [path, summary, meaning] of [
    ['/competitions/2022', 'Vad poängen betyder', /^Utvärderad; de flesta mål är nådda/],
    ['/en/competitions/2022', 'What the scores mean', /^Evaluated; most objectives/],
  ] as const) {
    await page.goto(path);
    await waitForHydration(page);
    const effect = page.locator('dl.criteria details').nth(1);
    await expect(effect.getByText(meaning)).toBeHidden();
    await effect.getByText(summary).focus();
    await page.keyboard.press('Enter');
    await expect(effect.getByText(meaning)).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test('the 404 page is localised and accessible', async ({ page, browserErrors }) => {
  browserErrors.allow(/status of 404/);
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
  await expectNoAxeViolations(page);
  const en = await page.goto('/en/no-such-page');
  expect(en?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expectNoAxeViolations(page);
});

test('the keyboard reaches the skip link first and focus is visible', async ({ page }) => {
  await page.goto('/competitions/2022');
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // The next Tab continues from the main content, not from the header.
  await page.keyboard.press('Tab');
  const focusedInMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(focusedInMain).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the 2022 results and the language switch work as plain HTML', async ({ page }) => {
    await page.goto('/competitions/2022');
    await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    await expect(page.locator('article.award.winner h3')).toHaveText('Riskreducerande insatser (RRI)');
    await expect(page.locator('ul.entries > li')).toHaveCount(8);
    await expect(page.locator('ol.european > li').first()).toContainText('Sverige');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/en\/competitions\/2022$/);
    await expect(page.locator('article.award.winner')).toContainText('About the winner');
    await page.getByRole('link', { name: 'Archive' }).click();
    await expect(page).toHaveURL(/\/en\/archive$/);
    await expect(page.getByRole('link', { name: 'ECPA 2019' })).toBeVisible();
  });

  test('the privacy notice is linked from the footer and the forms, with the retention rules in force', async ({ page }) => {
    // From the registration form, as someone about to give their details would.
    await page.goto('/register');
    await page.getByRole('link', { name: 'Så behandlar Brå dina personuppgifter' }).click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personuppgifter och integritet');
    // The defaults of the rules: 12 months for drafts never submitted, 90 days for mail texts.
    await expect(page.getByText('Utkast som aldrig skickades in tas bort 12 månader')).toBeVisible();
    await expect(page.getByText('Texten i skickade mejl tas bort 90 dagar')).toBeVisible();
    // (axe needs scripts; the page is checked with it in both languages above.)
    for (const form of ['/subscribe', '/en/register', '/en/subscribe']) {
      await page.goto(form);
      await expect(page.locator('p.privacy-note a')).toHaveAttribute('href', form.startsWith('/en') ? '/en/privacy' : '/privacy');
    }
    // From the footer, in English.
    await page.goto('/en/archive');
    await page.locator('footer').getByRole('link', { name: 'Personal data' }).click();
    await expect(page).toHaveURL(/\/en\/privacy$/);
    await expect(page.getByText('Drafts never submitted are removed 12 months after their year closed.')).toBeVisible();
  });
});
