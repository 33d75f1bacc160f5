//! Fields of the entry form: each with its label, hint, word count and error tied to it.
use leptos::prelude::*;

use super::form::escaped;
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{EnglishText, SECTIONS, WordLimits, word_count};

fn described_by(ids: &[Option<String>]) -> Option<String> {
    let ids: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The problem `error` reports for `key`, as a localised message.
pub(crate) fn problem_text(
    error: Signal<Option<AppError>>,
    key: Signal<String>,
    lang: Lang,
) -> Signal<Option<&'static str>> {
    Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.field(&key.read()))
            .map(|p| p.message(lang))
    })
}

#[component]
pub(crate) fn FieldError(
    #[prop(into)] id: Signal<String>,
    message: Signal<Option<&'static str>>,
) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p class="field-error" id=id>{m}</p> })
    }
}

/// A multi-line section with a live word count against its limit.
#[component]
pub fn SectionField(
    /// The form field's name, e.g. `draft[problem]`.
    name: String,
    /// The key errors use and the element id is made from, e.g. `problem`.
    key: String,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    limit: Option<u32>,
    lang: Lang,
    error: Signal<Option<AppError>>,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] required: bool,
    /// The language of the text, where it is not the page's (`en` in the English part).
    #[prop(optional_no_strip)]
    text_lang: Option<&'static str>,
    /// Shown while the field is empty, e.g. "Missing in English".
    #[prop(optional)]
    missing: Option<&'static str>,
) -> impl IntoView {
    let id = format!("entry-{}", key.replace('.', "-"));
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let count_id = format!("{id}-count");
    let error_id = format!("{id}-error");
    let missing_id = format!("{id}-missing");
    let message = problem_text(error, Signal::stored(key), lang);
    let (words, set_words) = signal(word_count(&value));
    let e = lang.e();
    let count_text = move || {
        let n = words.get();
        match limit {
            Some(max) if n > max as usize => fill(
                e.words_over,
                &[&n.to_string(), &(n - max as usize).to_string()],
            ),
            Some(max) => fill(e.words_of, &[&n.to_string(), &max.to_string()]),
            None => n.to_string(),
        }
    };
    let over = move || limit.is_some_and(|max| words.get() > max as usize);
    let is_missing = move || missing.is_some() && words.get() == 0;
    let describe = {
        let (hint_id, count_id, error_id, missing_id) = (
            hint_id.clone(),
            count_id.clone(),
            error_id.clone(),
            missing_id.clone(),
        );
        move || {
            described_by(&[
                hint_id.clone(),
                is_missing().then(|| missing_id.clone()),
                Some(count_id.clone()),
                message.get().map(|_| error_id.clone()),
            ])
        }
    };
    view! {
        <div class="field" class:has-error=move || message.get().is_some()>
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || is_missing().then(|| view! { <p class="missing-marker" id=missing_id.clone()>{missing}</p> })}
            <textarea
                id=id.clone()
                name=name
                lang=text_lang
                rows=rows
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=describe
                on:input=move |ev| set_words.set(word_count(&event_target_value(&ev)))
                inner_html=escaped(&value)
            ></textarea>
            <p class="word-count" class:over=over id=count_id>{count_text}</p>
            <FieldError id=error_id message/>
        </div>
    }
}

/// A one-line input. Its name and key may change (a contact row moving up when the one above
/// is removed) without the input being rebuilt, so what was typed stays.
#[component]
pub fn LineField(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] key: Signal<String>,
    label: String,
    value: String,
    lang: Lang,
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// The language of the text, where it is not the page's.
    #[prop(optional_no_strip)]
    text_lang: Option<&'static str>,
    /// Shown while the field is empty, e.g. "Missing in English".
    #[prop(optional)]
    missing: Option<&'static str>,
) -> impl IntoView {
    let id = Memo::new(move |_| format!("entry-{}", key.read().replace('.', "-")));
    let message = problem_text(error, key, lang);
    let hint_id = move || hint.map(|_| format!("{}-hint", id.get()));
    let error_id = move || format!("{}-error", id.get());
    let missing_id = move || format!("{}-missing", id.get());
    let (empty, set_empty) = signal(value.trim().is_empty());
    let is_missing = move || missing.is_some() && empty.get();
    let describe = move || {
        described_by(&[
            hint_id(),
            is_missing().then(missing_id),
            message.get().map(|_| error_id()),
        ])
    };
    view! {
        <div class="field" class:has-error=move || message.get().is_some()>
            <label for=id>{label}{required.then_some(" *")}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || is_missing().then(|| view! { <p class="missing-marker" id=missing_id>{missing}</p> })}
            <input
                id=id
                name=name
                lang=text_lang
                on:input=move |ev| set_empty.set(event_target_value(&ev).trim().is_empty())
                type=kind
                value=value
                autocomplete=autocomplete
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=describe
            />
            <FieldError id=Signal::derive(error_id) message/>
        </div>
    }
}

/// A checkbox that sends `value` when ticked.
#[component]
pub fn CheckField(
    name: String,
    id: String,
    label: &'static str,
    checked: bool,
    #[prop(default = "true")] value: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="check">
            <input type="checkbox" id=id.clone() name=name value=value checked=checked aria-describedby=hint_id.clone()/>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}

/// A group-level error (for example "add at least one contact"), tied to its fieldset.
#[component]
pub fn GroupError(key: &'static str, lang: Lang, error: Signal<Option<AppError>>) -> impl IntoView {
    let message = problem_text(error, Signal::stored(key.to_string()), lang);
    view! { <FieldError id=format!("entry-{key}-error") message/> }
}

/// The entry's title and sections in English, each marked while it is still missing, with the
/// Swedish text's word limits. Error keys are `english.…`. In the applicant's form and the
/// organiser's on the dossier page.
#[component]
pub fn EnglishFields(
    /// The field names, with `{}` for the part: `draft[english][{}]`.
    names: &'static str,
    text: EnglishText,
    limits: WordLimits,
    lang: Lang,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let d = lang.d();
    let label = |key: &str| fill(d.in_english, &[lang.part_name(key)]);
    let sections = SECTIONS
        .iter()
        .enumerate()
        .map(|(i, key)| {
            view! {
                <SectionField
                    name=names.replace("{}", key)
                    key=format!("english.{key}")
                    label=label(key)
                    value=text.part(key).to_string()
                    limit=limits.get(key)
                    lang
                    error
                    rows=if i == 0 { 14 } else { 6 }
                    text_lang=Some("en")
                    missing=d.missing
                />
            }
        })
        .collect_view();
    view! {
        <fieldset id="entry-english" aria-describedby="entry-english-intro">
            <legend>{d.part_english}</legend>
            <p class="hint" id="entry-english-intro">{d.english_intro}</p>
            <LineField name=names.replace("{}", "title") key="english.title".to_string() label=label("title") value=text.title.clone() lang error text_lang=Some("en") missing=d.missing/>
            {sections}
        </fieldset>
    }
}
