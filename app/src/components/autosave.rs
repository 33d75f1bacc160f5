//! A form that saves itself: the applicant's entry and the juror's score sheet.
//!
//! - A change is saved two seconds after the last one, one request at a time.
//! - A button's save (the entry's "preview", the sheet's "save" and "submit") waits for a
//!   running request and replaces a waiting draft save.
//! - While the network or the server is down the text stays in the form and the save is tried
//!   again, backing off: 2, 4, 8, 16, 30 seconds.
//! - When someone else saved in between (a stale revision), nothing more is saved as a draft,
//!   and the page says so and offers a reload.
//! - A refusal that a retry cannot fix (signed out, deadline passed) is shown and stops the
//!   draft saves.
//! - Leaving the page with changes not yet saved makes the browser ask first.
//!
//! Without scripts both forms are plain form posts; none of this runs.
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
#[cfg(feature = "hydrate")]
use crate::model::Saved;

/// Where the saving stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing to report (a sheet not yet saved on this page).
    Idle,
    /// Saved at `HH:MM`.
    Saved(String),
    Dirty,
    Saving,
    Retrying,
    /// Someone saved in between; no draft is sent until the page is reloaded.
    Conflict,
    /// The server refused the input; the fields say why.
    Invalid,
    /// Not something a retry fixes (signed out, deadline passed).
    Failed(AppError),
}

/// What a form sends, and what follows a button's save.
pub trait SaveRequest: Copy + 'static {
    /// Sends the form's fields at the page's revision: a draft (`button` is `None`), or the
    /// save of the button with that value.
    #[cfg(feature = "hydrate")]
    fn send(
        self,
        data: web_sys::FormData,
        revision: i32,
        button: Option<String>,
    ) -> impl Future<Output = Result<Saved, AppError>> + 'static;

    /// After a button's save succeeded with nothing left to send: what the button does next
    /// (open the preview, read the page again); nothing for a plain "save".
    #[cfg(feature = "hydrate")]
    fn after_button(self, button: &str);
}

/// Seconds after the last change before a draft is saved.
#[cfg(feature = "hydrate")]
const DEBOUNCE_MS: u64 = 2_000;

/// The saving of one form.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Autosave<R: SaveRequest> {
    request: R,
    form: NodeRef<leptos::html::Form>,
    revision: RwSignal<i32>,
    state: RwSignal<SaveState>,
    error: RwSignal<Option<AppError>>,
    /// Bumped on every change and every button's save; a timer saves only if nothing came
    /// after it.
    changes: StoredValue<u64>,
    in_flight: StoredValue<bool>,
    /// What to send once the running request is answered: a draft (`Some(None)`) or a button's
    /// save (`Some(Some(value))`), which replaces a waiting draft.
    queued: StoredValue<Option<Option<String>>>,
    failures: StoredValue<u32>,
}

impl<R: SaveRequest> Autosave<R> {
    pub fn new(
        request: R,
        form: NodeRef<leptos::html::Form>,
        revision: RwSignal<i32>,
        state: RwSignal<SaveState>,
        error: RwSignal<Option<AppError>>,
    ) -> Self {
        let a = Autosave {
            request,
            form,
            revision,
            state,
            error,
            changes: StoredValue::new(0),
            in_flight: StoredValue::new(false),
            queued: StoredValue::new(None),
            failures: StoredValue::new(0),
        };
        #[cfg(feature = "hydrate")]
        {
            let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
                if matches!(
                    a.state.get_untracked(),
                    SaveState::Dirty | SaveState::Saving | SaveState::Retrying
                ) {
                    ev.prevent_default();
                    ev.set_return_value("unsaved");
                }
            });
            on_cleanup(move || handle.remove());
        }
        a
    }

    /// Whether draft saves have stopped: a conflict, or a refusal a retry cannot fix.
    fn blocked(&self) -> bool {
        matches!(
            self.state.get_untracked(),
            SaveState::Conflict | SaveState::Failed(_)
        )
    }

    /// A field changed: save a draft once the form has been quiet for a moment.
    pub fn changed(self) {
        if self.blocked() {
            return;
        }
        self.changes.update_value(|n| *n += 1);
        if !self.in_flight.get_value() {
            self.state.set(SaveState::Dirty);
        }
        #[cfg(feature = "hydrate")]
        {
            let at = self.changes.get_value();
            set_timeout(
                move || {
                    if self.changes.get_value() == at {
                        self.send(None);
                    }
                },
                std::time::Duration::from_millis(DEBOUNCE_MS),
            );
        }
    }

    /// Sends the form: a draft (`None`), or a button's save (`Some(the button's value)`).
    #[cfg(feature = "hydrate")]
    pub fn send(self, button: Option<String>) {
        if button.is_none() && self.blocked() {
            return;
        }
        if button.is_some() {
            // A button's save makes a waiting draft save unnecessary.
            self.changes.update_value(|n| *n += 1);
        }
        if self.in_flight.get_value() {
            let queued = self.queued.get_value();
            if button.is_some() || queued.is_none() {
                self.queued.set_value(Some(button.or(queued.flatten())));
            }
            return;
        }
        let Some(form) = self.form.get_untracked() else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let started_at = self.changes.get_value();
        self.in_flight.set_value(true);
        self.state.set(SaveState::Saving);
        let revision = self.revision.get_untracked();
        let request = self.request.send(data, revision, button.clone());
        leptos::task::spawn_local(async move {
            let result = request.await;
            self.in_flight.set_value(false);
            match result {
                Ok(saved) => {
                    self.failures.set_value(0);
                    self.revision.set(saved.revision);
                    self.error.set(None);
                    let changed_since = self.changes.get_value() != started_at;
                    if let Some(b) = button {
                        let next = self.queued.get_value();
                        self.queued.set_value(None);
                        if next.is_some() || changed_since {
                            // Changes came while the button's save ran: send them as well,
                            // then do what the button does.
                            self.send(Some(next.flatten().unwrap_or(b)));
                        } else {
                            self.state.set(SaveState::Saved(saved.at.time));
                            self.request.after_button(&b);
                        }
                        return;
                    }
                    self.state.set(if changed_since {
                        SaveState::Dirty
                    } else {
                        SaveState::Saved(saved.at.time)
                    });
                }
                Err(AppError::Conflict(crate::error::Conflict::Stale)) => {
                    self.queued.set_value(None);
                    self.state.set(SaveState::Conflict);
                    return;
                }
                Err(err @ AppError::Invalid(_)) => {
                    self.error.set(Some(err));
                    self.state.set(SaveState::Invalid);
                }
                Err(
                    err @ (AppError::Unauthenticated
                    | AppError::Forbidden
                    | AppError::NotFound
                    | AppError::Conflict(_)),
                ) => {
                    self.state.set(SaveState::Failed(err));
                }
                Err(_) => {
                    // Network or server trouble: keep the text and try again, backing off.
                    let n = self.failures.get_value() + 1;
                    self.failures.set_value(n);
                    self.state.set(SaveState::Retrying);
                    let wait = 2u64.pow(n.min(5)).min(30);
                    let again = self.queued.get_value().unwrap_or(button);
                    self.queued.set_value(None);
                    set_timeout(
                        move || self.send(again),
                        std::time::Duration::from_secs(wait),
                    );
                    return;
                }
            }
            if let Some(next) = self.queued.get_value() {
                self.queued.set_value(None);
                self.send(next);
            }
        });
    }
}

/// The line that says where the saving stands, and the conflict's message with a reload
/// button. `note` comes first on the line (the sheet's "submitted"); `conflict` says what
/// was changed elsewhere.
#[component]
fn SaveIndicator(
    state: RwSignal<SaveState>,
    lang: Lang,
    conflict: &'static str,
    note: Option<&'static str>,
) -> impl IntoView {
    let e = lang.e();
    let text = move || match state.get() {
        SaveState::Idle | SaveState::Conflict => String::new(),
        SaveState::Saved(at) => fill(e.saved_at, &[&lang.time(&at)]),
        SaveState::Dirty => e.unsaved.to_string(),
        SaveState::Saving => e.saving.to_string(),
        SaveState::Retrying => e.retrying.to_string(),
        SaveState::Invalid => AppError::Invalid(vec![]).message(lang).to_string(),
        SaveState::Failed(err) => err.message(lang).to_string(),
    };
    let class = move || match state.get() {
        SaveState::Idle | SaveState::Saved(_) => "save-state saved",
        SaveState::Saving | SaveState::Dirty => "save-state pending",
        _ => "save-state problem",
    };
    view! {
        <p class=class role="status" id="save-state">{note.map(|n| format!("{n} "))}{text}</p>
        <div role="alert" class="conflict-region">
            {move || (state.get() == SaveState::Conflict).then(|| view! {
                <div class="conflict">
                    <p>{conflict}</p>
                    <button type="button" class="button secondary" on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        let _ = window().location().reload();
                    }>{e.reload}</button>
                </div>
            })}
        </div>
    }
}

/// The bar that ends a form that saves itself: where the saving stands, then the form's
/// buttons (`children`). Once scripts run it is pinned to the bottom of whatever scrolls the
/// form (the window, or the scoring desk's sheet on a wide screen), so the juror or applicant
/// sees the save status wherever they are in the form; without scripts it simply ends the form.
///
/// Browsers scroll a control reached by Tab into view only when it lies outside its scroller,
/// not when the bar covers it, so the bar scrolls a focused control that it would cover up
/// above itself (WCAG 2.2 SC 2.4.11).
#[component]
pub fn SaveBar(
    state: RwSignal<SaveState>,
    lang: Lang,
    conflict: &'static str,
    note: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let bar = NodeRef::<leptos::html::Div>::new();
    let pinned = RwSignal::new(false);
    Effect::new(move |_| pinned.set(true));
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::focusin, move |ev| {
            use leptos::wasm_bindgen::JsCast;
            if let (Some(bar), Some(target)) = (
                bar.get_untracked(),
                ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
            ) {
                keep_above(&bar, &target);
            }
        });
        on_cleanup(move || handle.remove());
    }
    view! {
        <div class="save-bar" class:pinned=move || pinned.get() node_ref=bar>
            <SaveIndicator state lang conflict note/>
            {children()}
        </div>
    }
}

/// Scrolls `target` up above `bar` when the bar lies over it, or nearly: the scroller of the
/// bar, if it has one of its own, else the window.
#[cfg(feature = "hydrate")]
fn keep_above(bar: &web_sys::Element, target: &web_sys::Element) {
    if bar.contains(Some(target)) {
        return;
    }
    let (field, covering) = (
        target.get_bounding_client_rect(),
        bar.get_bounding_client_rect(),
    );
    let overlap = field.bottom() - covering.top();
    if overlap > -8.0 && field.top() < covering.bottom() {
        match scroller_of(bar) {
            Some(scroller) => scroller.scroll_by_with_x_and_y(0.0, overlap + 16.0),
            None => window().scroll_by_with_x_and_y(0.0, overlap + 16.0),
        }
    }
}

/// The nearest ancestor of `el` that scrolls its content on its own (`overflow-y: auto` with
/// more to show than fits), if any.
#[cfg(feature = "hydrate")]
fn scroller_of(el: &web_sys::Element) -> Option<web_sys::Element> {
    std::iter::successors(el.parent_element(), |e| e.parent_element()).find(|e| {
        e.scroll_height() > e.client_height()
            && window()
                .get_computed_style(e)
                .ok()
                .flatten()
                .and_then(|style| style.get_property_value("overflow-y").ok())
                .is_some_and(|o| o == "auto" || o == "scroll")
    })
}
