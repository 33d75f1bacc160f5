//! Form fields with labels, hints and errors tied to their field.
use leptos::prelude::*;
use leptos::server_fn::{Http, ServerFn, client::Client, codec::PostUrl, request::ClientReq};

use crate::error::{AppError, Problem};
use crate::i18n::Lang;

/// The problem a failed submission reported for one field.
pub fn field_problem(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<Problem>> {
    Signal::derive(move || error.get().and_then(|e| e.field(field)))
}

#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    lang: Lang,
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let problem = field_problem(error, name);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [
                hint.map(|_| hint_id.as_str()),
                problem.get().map(|_| error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let t = lang.t();
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label for=id.clone()>
                {label}
                {if required { " *".into_any() } else { view! { " "<span class="optional">{t.optional}</span> }.into_any() }}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by
            />
            {move || problem.get().map(|p| view! { <p class="field-error" id=error_id.clone()>{p.message(lang)}</p> })}
        </div>
    }
}

#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    lang: Lang,
    error: Signal<Option<AppError>>,
    /// (value, label) pairs.
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let problem = field_problem(error, name);
    let described_by = {
        let error_id = error_id.clone();
        move || problem.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field" class:has-error=move || problem.get().is_some()>
            <label for=id.clone()>{label}" *"</label>
            <select id=id name=name required=true aria-invalid=move || problem.get().map(|_| "true") aria-describedby=described_by>
                <option value="">"–"</option>
                {options.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
            </select>
            {move || problem.get().map(|p| view! { <p class="field-error" id=error_id.clone()>{p.message(lang)}</p> })}
        </div>
    }
}

/// The form-level message after a failed submission, announced to screen readers.
#[component]
pub fn FormError(error: Signal<Option<AppError>>, lang: Lang) -> impl IntoView {
    view! {
        <div role="alert" class="form-error-region">
            {move || error.get().map(|e| view! { <p class="form-error">{e.message(lang)}</p> })}
        </div>
    }
}

/// The error a plain HTML form post (no JavaScript) brought back in the URL, for the server
/// function at `endpoint`: the server redirects back with `__path` and `__err`.
pub fn url_error(endpoint: &'static str) -> Signal<Option<AppError>> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || {
        let q = query.read();
        let path = q.get("__path")?;
        if !path.trim_end_matches('/').ends_with(endpoint) {
            return None;
        }
        let err = q.get("__err")?;
        Some(leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&err))
    })
}

/// Whether the last plain form post to the server function at `endpoint` succeeded: the server
/// then redirects back with `__ok=<endpoint>` (`server::forms`).
pub fn url_ok(endpoint: &'static str) -> Signal<bool> {
    let query = leptos_router::hooks::use_query_map();
    let name = endpoint.trim_start_matches("/api/");
    Signal::derive(move || query.read().get("__ok").is_some_and(|ok| ok == name))
}

/// The error a form's last submission came back with: from the action when a script sent it
/// (inside an island), from the address when the browser posted the form. Outside islands, only
/// the latter happens. Uses the router, so not for islands themselves.
pub fn form_error<A>(action: ServerAction<A>) -> Signal<Option<AppError>>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    let from_url = url_error(A::PATH);
    Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| from_url.get())
    })
}

/// Whether a form's last submission succeeded, scripted or posted (see [`form_error`]).
pub fn form_done<A>(action: ServerAction<A>) -> Signal<bool>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    let from_url = url_ok(A::PATH);
    Signal::derive(move || match action.value().get() {
        Some(r) => r.is_ok(),
        None => from_url.get(),
    })
}

/// The plain form that discards a copy a save refused: its hidden fields (`children`), the error
/// a discard came back with, and the button, labelled `label`.
#[component]
pub fn DiscardForm<A, P>(
    action: ServerAction<A>,
    label: &'static str,
    lang: Lang,
    children: Children,
) -> impl IntoView
where
    A: serde::de::DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, P>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    A::Client: Client<AppError>,
    <<A::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData:
        From<leptos::web_sys::FormData>,
    A::Output: Clone + Send + Sync + 'static,
{
    let error = form_error(action);
    view! {
        <ActionForm action>
            <FormError error lang/>
            {children()}
            <button type="submit" class="button secondary">{label}</button>
        </ActionForm>
    }
}

/// The first of several error sources that has an error.
pub fn either_error(
    a: Signal<Option<AppError>>,
    b: Signal<Option<AppError>>,
) -> Signal<Option<AppError>> {
    Signal::derive(move || a.get().or_else(|| b.get()))
}

/// Text escaped for an HTML element's content. Leptos renders a `<textarea>`'s children
/// unescaped on the server (it treats them like `<script>`), so textarea content goes through
/// this and `inner_html`: otherwise `</textarea><script>` in a saved text would run.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The message for the code a plain-form upload came back with (`server::upload::code`), or
/// `None` for a code the page words itself.
pub fn upload_problem(lang: Lang, code: &str) -> Option<String> {
    Some(match code {
        "too_large" => Problem::FileTooLarge.message(lang).into(),
        "empty" => Problem::EmptyFile.message(lang).into(),
        "alt" => Problem::Required.message(lang).into(),
        "unsupported" => Problem::UnsupportedFile.message(lang).into(),
        "active" => Problem::ActiveContent.message(lang).into(),
        "too_many" => lang.problems().too_many_files.into(),
        "closed" => lang.problems().closed.into(),
        _ => return None,
    })
}

/// The message for an image upload's code (`?photo_error=`, `?image_error=`); an unknown code
/// is an internal error.
pub fn upload_message(lang: Lang, code: &str) -> String {
    upload_problem(lang, code).unwrap_or_else(|| lang.t().error_internal.into())
}

/// A labelled choice of one numbered thing (an entry, a juror, an organisation): each option's
/// value is its number, and it shows its name.
#[component]
pub fn NumberChoice(
    #[prop(into)] id: String,
    name: &'static str,
    label: &'static str,
    options: Vec<(i32, String)>,
    /// The option chosen at first; the first one if none.
    #[prop(optional_no_strip)]
    selected: Option<i32>,
    /// In place of a `selected` that is not among the options (sent by hand, or gone since):
    /// nothing is chosen then, and the list asks for a choice with these words.
    #[prop(optional)]
    missing: &'static str,
) -> impl IntoView {
    let gone = selected.is_some_and(|s| !options.iter().any(|(value, _)| *value == s));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name required=gone>
                {gone.then(|| view! { <option value="" selected>{missing}</option> })}
                {options.into_iter().map(|(value, text)| view! { <option value=value.to_string() selected=selected == Some(value)>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The round a form is about, as hidden fields beside its `year`: `europe=true` for the final,
/// `round_country=NL` for another country's round hosted here, nothing for the home round.
#[component]
pub fn RoundFields(r: crate::model::RoundRef) -> impl IntoView {
    view! {
        {r.europe.then(|| view! { <input type="hidden" name="europe" value="true"/> })}
        {r.country.map(|c| view! { <input type="hidden" name="round_country" value=c.code()/> })}
    }
}

/// The link to the privacy notice that every form collecting personal data carries.
#[component]
pub fn PrivacyNote(lang: Lang) -> impl IntoView {
    view! {
        <p class="privacy-note">
            <a href=lang.href("/privacy")>{lang.t().privacy_note}</a>
        </p>
    }
}

/// What a form says of the reader's text that a save refused: each line with the time it was
/// sent for `{}`, and the link's text.
pub struct KeptWords {
    /// The form shows the text again.
    pub in_form: &'static str,
    /// The text waits on its own page.
    pub elsewhere: &'static str,
    pub link: &'static str,
}

/// Where the reader's text that a save refused is: back in the form, or on its own page at
/// `href`. Nothing when no text is kept (`sent` is `None`).
#[component]
pub fn KeptNotice(
    /// When it was sent, and whether the form shows it.
    sent: Option<(crate::model::When, bool)>,
    href: String,
    words: KeptWords,
    lang: Lang,
) -> impl IntoView {
    use crate::i18n::entries::fill;
    sent.map(|(at, in_form)| {
        let sent = lang.date_time(&at.date, &at.time);
        if in_form {
            view! { <p class="notice">{fill(words.in_form, &[&sent])}</p> }.into_any()
        } else {
            view! {
                <p class="notice">
                    {fill(words.elsewhere, &[&sent])}" "
                    <a href=lang.href(&href)>{words.link}</a>
                </p>
            }
            .into_any()
        }
    })
}

/// A text of the reader's that a save refused and that its form does not show (a reason to
/// reopen the decision, a note): when, why, the text as it was typed, and the plain form that
/// discards it (`children`). Its heading is an `h3` where it is `nested` in a section, else `h2`.
#[component]
pub fn KeptTextCopy(
    k: crate::model::KeptText,
    words: crate::i18n::jury::CopyWords,
    nested: bool,
    lang: Lang,
    children: Children,
) -> impl IntoView {
    use crate::i18n::entries::fill;
    let title = if nested {
        view! { <h3>{words.title}</h3> }.into_any()
    } else {
        view! { <h2>{words.title}</h2> }.into_any()
    };
    let sent = lang.date_time(&k.at.date, &k.at.time);
    let days = crate::model::UNSAVED_DAYS.to_string();
    view! {
        {title}
        <p>{fill(words.intro, &[&sent, &days])}</p>
        <p class="notice">{words.reasons[k.reason.index()]}</p>
        <p class="note-body">{k.form}</p>
        {children()}
    }
}
