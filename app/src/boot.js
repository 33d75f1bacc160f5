// The page's only script. Pages are rendered on the server; what runs in the browser is:
// - countdowns (`[data-deadline]`), kept current here in the words the server used (its units
//   come along in `data-units`), so that a public page never needs the wasm bundle;
// - forms: a form outside an island is a plain HTML form. When the server refuses it, the
//   browser comes back to the page with the error in the address (`__path`, `__err`); what the
//   person typed is put back into the form, so nothing is lost (passwords excepted). A form
//   marked `data-restore="off"` is left as the server filled it: the page shows what was
//   typed beside it, and the form shows what is saved now (saved in between, in another tab or by someone else);
// - islands (<leptos-island>): if the page has any, the wasm bundle is loaded and each island
//   is hydrated by the exported function its `data-component` names.
// When all that is done, <html data-hydrated="true"> tells tests and monitoring that the page
// is interactive.

// Mirrors `Lang::duration` (app/src/i18n/mod.rs): "2 dagar, 3 timmar och 1 minut".
function duration(seconds, u) {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const unit = (n, forms) => `${n} ${n === 1 ? forms[0] : forms[1]}`;
  const parts = [];
  if (d > 0) parts.push(unit(d, u.day));
  if (d > 0 || h > 0) parts.push(unit(h, u.hour));
  parts.push(unit(m, u.minute));
  if (parts.length === 1) return parts[0];
  const last = parts.pop();
  return `${parts.join(', ')} ${u.and} ${last}`;
}

const UNSENT = 'ecpa:posted-form';

// What a plain form post sends, kept for this tab until the next page has been read.
document.addEventListener('submit', (ev) => {
  const form = ev.target;
  // Islands send their forms themselves (and prevent the browser's post).
  if (!(form instanceof HTMLFormElement) || ev.defaultPrevented) return;
  if (form.method.toLowerCase() !== 'post' || form.enctype === 'multipart/form-data') return;
  const action = form.getAttribute('action') ?? '';
  const fields = [];
  for (const el of form.elements) {
    if (!el.name || ['password', 'hidden', 'file', 'submit', 'button', 'reset'].includes(el.type)) continue;
    fields.push(el.type === 'checkbox' || el.type === 'radio' ? [el.name, el.value, el.checked] : [el.name, el.value]);
  }
  const same = [...document.forms].filter((f) => f.getAttribute('action') === action);
  try {
    sessionStorage.setItem(UNSENT, JSON.stringify({ path: location.pathname, action, index: same.indexOf(form), fields }));
  } catch {
    // Storage full or off: the post goes ahead, only without this help.
  }
});

function restoreRefusedForm() {
  let posted = null;
  try {
    posted = JSON.parse(sessionStorage.getItem(UNSENT) ?? 'null');
    sessionStorage.removeItem(UNSENT);
  } catch {
    return;
  }
  const query = new URLSearchParams(location.search);
  if (!posted || posted.path !== location.pathname || !query.has('__err') || query.get('__path') !== posted.action) return;
  const form = [...document.forms].filter((f) => f.getAttribute('action') === posted.action)[posted.index];
  if (!form || form.dataset.restore === 'off') return;
  for (const [name, value, checked] of posted.fields) {
    for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.value === value) el.checked = checked;
      } else {
        el.value = value;
      }
    }
  }
}
restoreRefusedForm();

for (const el of document.querySelectorAll('[data-deadline]')) {
  const units = JSON.parse(el.dataset.units);
  const deadline = Number(el.dataset.deadline);
  const tick = () => {
    const text = duration(deadline - Date.now() / 1000, units);
    if (el.textContent !== text) el.textContent = text;
  };
  tick();
  setInterval(tick, 30_000);
}

const me = document.querySelector('script[data-wasm]');
const islands = [...document.querySelectorAll('leptos-island')].filter(
  (el) => !el.parentElement.closest('leptos-island'),
);
if (islands.length > 0) {
  const mod = await import(me.dataset.js);
  await mod.default({ module_or_path: me.dataset.wasm });
  mod.hydrate();
  await Promise.all(
    islands.map((el) => {
      const hydrateIsland = mod[el.dataset.component];
      if (typeof hydrateIsland !== 'function') {
        throw new Error(`no code for the island ${el.dataset.component}`);
      }
      return hydrateIsland(el);
    }),
  );
}
document.documentElement.setAttribute('data-hydrated', 'true');
