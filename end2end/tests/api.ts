import { request, type APIRequestContext } from '@playwright/test';
import { expect, password } from './helpers';
import { plain, waitForMail } from './smtp-sink';

// The server functions as the e2e journeys call them for the parts a journey does not test in
// the browser: the server under test's address, a signed-in API context, and whole entries and
// score sheets.

export const base = `http://127.0.0.1:${process.env.ECPA_E2E_PORT ?? 3100}`;
export const criteria = ['theme', 'effect', 'innovation', 'cooperation', 'replicability'];
export const sections = ['description', 'problem', 'objectives', 'target_group', 'methods', 'partners', 'resources', 'evaluation', 'replicability', 'theme_relevance'];

/** Calls the server function `endpoint` with a form, expecting success. */
export async function call(api: APIRequestContext, endpoint: string, form: Record<string, string>) {
  const res = await api.post(`/api/${endpoint}`, { form });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
  return res;
}

/** A signed-in API context for `email`. */
export async function as(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  await call(api, 'login', { email, password, lang: 'sv' });
  return api;
}

/** Registers `email` with an organisation and verifies the address; returns a signed-in API. */
export async function registered(email: string, name: string, organisation: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  await call(api, 'register', { name, email, password, organisation, kind: 'municipality', city: '', org_number: '', lang: 'sv' });
  const link = plain(await waitForMail(email, '/verify-email')).match(/https?:\/\/\S*\/verify-email\?token=[0-9a-f]{64}/)![0];
  await call(api, 'verify_email', { token: new URL(link).searchParams.get('token')! });
  await call(api, 'login', { email, password, lang: 'sv' });
  return api;
}

/** Writes a whole entry (`revision` is its current one) and submits it. */
export async function writeAndSubmit(api: APIRequestContext, id: string, revision: number, title: string, contact: string) {
  const form: Record<string, string> = {
    id, revision: String(revision), 'draft[title]': title, 'draft[organisation_display]': 'Organisation',
    'draft[competing]': 'true', 'draft[start_date]': '2028-01-01', 'draft[ongoing]': 'true',
    'draft[contacts][0][name]': 'Kontakt', 'draft[contacts][0][email]': contact,
    'draft[public_summary_sv]': 'Kort sammanfattning.', 'draft[public_summary_en]': 'A short summary.',
  };
  for (const key of sections) form[`draft[${key}]`] = `Text about ${key}.`;
  ['in_sweden', 'on_theme', 'evaluated', 'english_available', 'right_to_submit'].forEach((k, n) => (form[`draft[checklist][${n}]`] = k));
  await call(api, 'save_entry', form);
  await call(api, 'submit_entry', { id, revision: String(revision + 1) });
}

/** A score sheet for `entry` with `score` on every criterion, submitted. */
export function sheet(entry: string, score: number): Record<string, string> {
  const form: Record<string, string> = { entry_id: entry, revision: '0', submit: 'true', 'sheet[overall_comment]': 'Well evaluated.' };
  criteria.forEach((key, k) => {
    form[`sheet[scores][${k}][key]`] = key;
    form[`sheet[scores][${k}][score]`] = String(score);
  });
  return form;
}
