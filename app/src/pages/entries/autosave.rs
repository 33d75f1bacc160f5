//! The entry form's autosave: debounced, one request at a time, retried while the network or
//! the server is down.
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Lang;

use super::editor::SaveState;

/// Debounced saving of the entry form: a few seconds after the last change, one request at a
/// time, retried with backoff while the network or server is down.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) struct Autosave {
    id: i32,
    lang: Lang,
    form: NodeRef<leptos::html::Form>,
    revision: RwSignal<i32>,
    state: RwSignal<SaveState>,
    error: RwSignal<Option<AppError>>,
    /// Bumped on every change; a timer saves only if no change came after it.
    generation: StoredValue<u64>,
    in_flight: StoredValue<bool>,
    /// A change or a save request arrived while a save was running.
    again: StoredValue<bool>,
    failures: StoredValue<u32>,
}

/// Seconds after the last keystroke before saving.
#[cfg(feature = "hydrate")]
const DEBOUNCE_MS: u64 = 2_000;

impl Autosave {
    pub(super) fn new(
        id: i32,
        lang: Lang,
        form: NodeRef<leptos::html::Form>,
        revision: RwSignal<i32>,
        state: RwSignal<SaveState>,
        error: RwSignal<Option<AppError>>,
    ) -> Self {
        let a = Autosave {
            id,
            lang,
            form,
            revision,
            state,
            error,
            generation: StoredValue::new(0),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            failures: StoredValue::new(0),
        };
        #[cfg(feature = "hydrate")]
        {
            // Warn before leaving with changes that are not saved yet.
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

    fn blocked(&self) -> bool {
        matches!(
            self.state.get_untracked(),
            SaveState::Conflict | SaveState::Failed(_)
        )
    }

    pub(super) fn changed(self) {
        if self.blocked() {
            return;
        }
        self.generation.update_value(|g| *g += 1);
        if !self.in_flight.get_value() {
            self.state.set(SaveState::Dirty);
        }
        #[cfg(feature = "hydrate")]
        {
            let at = self.generation.get_value();
            set_timeout(
                move || {
                    if self.generation.get_value() == at {
                        self.save_now(false);
                    }
                },
                std::time::Duration::from_millis(DEBOUNCE_MS),
            );
        }
    }

    #[cfg(feature = "hydrate")]
    pub(super) fn save_now(self, then_preview: bool) {
        use crate::api::entries::{SaveEntry, save_entry};
        use leptos::form::FromFormData;
        if self.blocked() {
            return;
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        let Some(form) = self.form.get_untracked() else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let args = match SaveEntry::from_form_data(&data) {
            Ok(args) => args,
            Err(_) => {
                self.state.set(SaveState::Invalid);
                return;
            }
        };
        let started_at = self.generation.get_value();
        self.in_flight.set_value(true);
        self.state.set(SaveState::Saving);
        let revision = self.revision.get_untracked();
        leptos::task::spawn_local(async move {
            let result = save_entry(self.id, revision, args.draft, None, None).await;
            self.in_flight.set_value(false);
            match result {
                Ok(saved) => {
                    self.failures.set_value(0);
                    self.revision.set(saved.revision);
                    self.error.set(None);
                    let changed_since = self.generation.get_value() != started_at;
                    if changed_since || self.again.get_value() {
                        self.again.set_value(false);
                        self.state.set(SaveState::Dirty);
                        self.save_now(then_preview);
                    } else {
                        self.state.set(SaveState::Saved(saved.at.time));
                        if then_preview {
                            let url = self.lang.href(&format!("/entries/{}/preview", self.id));
                            let _ = window().location().set_href(&url);
                        }
                    }
                }
                Err(AppError::Conflict(crate::error::Conflict::Stale)) => {
                    self.state.set(SaveState::Conflict);
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
                    let wait = (2u64.pow(n.min(5))).min(30);
                    set_timeout(
                        move || self.save_now(then_preview),
                        std::time::Duration::from_secs(wait),
                    );
                }
            }
        });
    }
}
