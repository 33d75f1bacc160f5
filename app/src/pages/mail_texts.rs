//! The organiser's words for a year's mails (`/admin/competitions/<year>/mails`, one mail at
//! `…/mails/<mail>`): the list, and each mail's editor with its placeholders and a preview of
//! the saved words filled with made-up values. Plain forms: it works the same without
//! JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::mail_texts::{ResetMailText, SaveMailText, get_mail_text, get_mail_texts};
use crate::components::entry_fields::{LineField, SectionField};
use crate::components::form::{FormError, either_error, form_done, form_error, url_error};
use crate::components::{
    current_lang,
    data::{load, load_page},
    number_param,
    page_meta::WidePage,
};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{MailKey, MailTextEditor, MailTextLang, MailTextsView};

#[component]
pub fn MailTextsPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.mail_texts();
    let year = number_param("year");
    let title = fill(t.title, &[&year().unwrap_or(0).to_string()]);
    view! {
        <WidePage title description=t.intro intro=t.intro back=(lang.href("/admin/competitions"), t.back)>
            {load(
                move || year().unwrap_or(0),
                get_mail_texts,
                move |v: MailTextsView| view! { <MailTextTable v lang/> },
            )}
        </WidePage>
    }
}

/// Every editable mail of the year, whether each language has the year's own words, and the
/// way to its editor.
#[component]
fn MailTextTable(v: MailTextsView, lang: Lang) -> impl IntoView {
    let t = lang.mail_texts();
    let state = move |own: bool| if own { t.own } else { t.portal };
    view! {
        <table class="mail-texts">
            <thead>
                <tr>
                    <th scope="col">{t.col_mail}</th>
                    <th scope="col">{t.col_sv}</th>
                    <th scope="col">{t.col_en}</th>
                </tr>
            </thead>
            <tbody>
                {v.texts.into_iter().map(|row| {
                    let href = lang.href(&format!("/admin/competitions/{}/mails/{}", v.year, row.key.code()));
                    view! {
                        <tr>
                            <th scope="row"><a href=href>{t.name(row.key)}</a></th>
                            <td>{state(row.custom_sv)}</td>
                            <td>{state(row.custom_en)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn MailTextPage() -> impl IntoView {
    let lang = current_lang();
    let t = lang.mail_texts();
    let year = number_param("year");
    let params = use_params_map();
    let mail = move || params.read().get("mail").unwrap_or_default();
    let save = ServerAction::<SaveMailText>::new();
    let reset = ServerAction::<ResetMailText>::new();
    let y = year().unwrap_or(0);
    let name = MailKey::parse(&mail())
        .map(|k| t.name(k))
        .unwrap_or_default();
    let title = fill(t.edit_title, &[name, &y.to_string()]);
    let back = (
        lang.href(&format!("/admin/competitions/{y}/mails")),
        t.back_to_list,
    );
    view! {
        <WidePage title description=t.edit_intro intro=t.edit_intro back>
            {load_page(
                move || (year().unwrap_or(0), mail(), save.version().get(), reset.version().get()),
                |(y, m, ..)| get_mail_text(y, m),
                move |v: MailTextEditor| view! { <MailTextEditorForm v lang save reset/> },
            )}
        </WidePage>
    }
}

/// The mail's placeholders, its words in both languages as a form, going back to the portal's
/// words, and the preview.
#[component]
fn MailTextEditorForm(
    v: MailTextEditor,
    lang: Lang,
    save: ServerAction<SaveMailText>,
    reset: ServerAction<ResetMailText>,
) -> impl IntoView {
    let t = lang.mail_texts();
    let error = either_error(form_error(save), url_error("save_mail_text"));
    let reset_error = either_error(form_error(reset), url_error("reset_mail_text"));
    let (year, code) = (v.year.to_string(), v.key.code());
    let reset_form = (v.sv.custom || v.en.custom).then(|| {
        let year = year.clone();
        view! {
            <ActionForm action=reset>
                <FormError error=reset_error lang/>
                <input type="hidden" name="year" value=year/>
                <input type="hidden" name="mail" value=code/>
                <p class="hint" id="reset-hint">{t.reset_hint}</p>
                <button type="submit" class="button secondary" aria-describedby="reset-hint">{t.reset}</button>
            </ActionForm>
        }
    });
    let updated = v
        .updated
        .as_ref()
        .map(|u| fill(t.updated, &[&lang.date_time(&u.date, &u.time)]));
    let (sv, en) = (v.sv.clone(), v.en.clone());
    view! {
        <section aria-labelledby="placeholders-heading">
            <h2 id="placeholders-heading">{t.placeholders}</h2>
            <p>{t.placeholders_hint}</p>
            <ul class="placeholders">
                {v.placeholders.iter().map(|p| view! { <li><code>{format!("{{{p}}}")}</code></li> }).collect_view()}
            </ul>
        </section>
        <ActionForm action=save>
            <FormError error lang/>
            <p role="status">{move || form_done(save).get().then_some(t.saved)}</p>
            <input type="hidden" name="year" value=year/>
            <input type="hidden" name="mail" value=code/>
            <LanguageFields legend=t.swedish code="sv" text=sv lang error/>
            <LanguageFields legend=t.english code="en" text=en lang error/>
            <button type="submit" class="button">{t.save}</button>
        </ActionForm>
        {updated.map(|u| view! { <p>{u}</p> })}
        {reset_form}
        <p role="status">{move || form_done(reset).get().then_some(t.was_reset)}</p>
        <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t.preview}</h2>
            <p>{t.preview_hint}</p>
            <MailPreview heading=t.swedish code="sv" text=v.sv lang/>
            <MailPreview heading=t.english code="en" text=v.en lang/>
        </section>
    }
}

/// One language's subject and text in the editor.
#[component]
fn LanguageFields(
    legend: &'static str,
    /// The language's code: `sv` or `en`.
    code: &'static str,
    text: MailTextLang,
    lang: Lang,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = lang.mail_texts();
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <LineField name=format!("form[subject_{code}]") key=format!("subject_{code}") label=t.subject.to_string() value=text.subject lang error required=true text_lang=Some(code)/>
            <SectionField name=format!("form[body_{code}]") key=format!("body_{code}") label=t.body value=text.body limit=None lang error rows=10 required=true text_lang=Some(code)/>
        </fieldset>
    }
}

/// The saved mail in one language as it goes out: subject and plain text.
#[component]
fn MailPreview(
    heading: &'static str,
    code: &'static str,
    text: MailTextLang,
    lang: Lang,
) -> impl IntoView {
    let t = lang.mail_texts();
    view! {
        <h3>{heading}</h3>
        <p><strong>{t.preview_subject}</strong>" "<span lang=code>{text.preview_subject}</span></p>
        <div class="mail-preview" lang=code>{text.preview_text}</div>
    }
}
