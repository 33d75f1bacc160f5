//! The entry's attachments, with an upload progress bar where scripts run.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::entries::{RemoveAttachment, get_entry};
use crate::components::form::{FormError, upload_problem};
#[cfg(feature = "hydrate")]
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::AttachmentView;
use crate::pages::account::action_error;

/// The attachments, outside the entry form (forms cannot nest), with an upload progress bar.
#[island]
pub(super) fn AttachmentsSection(
    id: i32,
    lang: Lang,
    initial: Vec<AttachmentView>,
    /// What a plain form upload came back with (`?upload=…`).
    returned: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let e = lang.e();
    let files = RwSignal::new(initial);
    let remove = ServerAction::<RemoveAttachment>::new();
    let remove_error = action_error(remove.value());
    let progress = RwSignal::new(None::<(f64, f64)>);
    let upload_error = RwSignal::new(None::<String>);
    let upload_ok = RwSignal::new(false);
    let returned_message = move || {
        returned.as_ref().map(|code| match code.as_str() {
            "ok" => e.uploaded.to_string(),
            code => upload_problem(lang, code).unwrap_or_else(|| e.upload_failed.to_string()),
        })
    };
    // Once the server confirms a removal, the list is read again.
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            leptos::task::spawn_local(async move {
                if let Ok(v) = get_entry(id).await {
                    files.set(v.attachments);
                }
            });
        }
    });
    let on_upload = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            upload_with_progress(ev, id, files, progress, upload_error, upload_ok, lang);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, upload_error, upload_ok, progress);
    };
    view! {
        <section id="attachments" aria-labelledby="attachments-heading" class="attachments">
            <h2 id="attachments-heading">{e.part_attachments}" "<span class="badge supporting">{e.supporting}</span></h2>
            <p class="hint" id="attachments-hint">{e.attachments_hint}</p>
            <FormError error=remove_error lang/>
            {move || {
                let list = files.get();
                if list.is_empty() {
                    view! { <p>{e.no_attachments}</p> }.into_any()
                } else {
                    view! {
                        <ul class="attachment-list">
                            {list.into_iter().map(|a| view! {
                                <li>
                                    <a href=format!("/attachments/{}", a.id)>{a.file_name.clone()}</a>
                                    " ("{lang.size(a.size)}") "
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="attachment_id" value=a.id.to_string()/>
                                        <button type="submit" class="link-button" aria-label=format!("{} {}", e.remove, a.file_name)>{e.remove}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <form
                method="post"
                enctype="multipart/form-data"
                action=format!("/entries/{id}/attachments")
                on:submit=on_upload
                class="upload-form"
            >
                <input type="hidden" name="lang" value=lang.code()/>
                <div class="field">
                    <label for="attachment-file">{e.choose_file}</label>
                    <input id="attachment-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" aria-describedby="attachments-hint upload-status"/>
                </div>
                <button type="submit" class="button secondary">{e.upload}</button>
                <div id="upload-status" role="status">
                    {move || progress.get().map(|(done, total)| view! {
                        <label for="upload-progress">{e.uploading}</label>
                        <progress id="upload-progress" max=total value=done>{format!("{:.0} %", done / total.max(1.0) * 100.0)}</progress>
                    })}
                    {move || upload_ok.get().then_some(e.uploaded)}
                    {move || upload_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    {move || returned_message().map(|m| view! { <p>{m}</p> })}
                </div>
            </form>
        </section>
    }
}

/// Sends the upload form with XMLHttpRequest so its progress can be shown.
#[cfg(feature = "hydrate")]
fn upload_with_progress(
    ev: leptos::ev::SubmitEvent,
    id: i32,
    files: RwSignal<Vec<AttachmentView>>,
    progress: RwSignal<Option<(f64, f64)>>,
    error: RwSignal<Option<String>>,
    ok: RwSignal<bool>,
    lang: Lang,
) {
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        // No XHR: let the browser post the form itself.
        let _ = form.submit();
        return;
    };
    error.set(None);
    ok.set(false);
    progress.set(Some((0.0, 1.0)));
    let _ = xhr.open("POST", &format!("/entries/{id}/attachments"));
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(upload) = xhr.upload() {
        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |p: web_sys::ProgressEvent| {
                if p.length_computable() {
                    progress.set(Some((p.loaded(), p.total())));
                }
            });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let done_xhr = xhr.clone();
    let on_done = Closure::<dyn FnMut()>::new(move || {
        progress.set(None);
        let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
        match done_xhr.status().unwrap_or(0) {
            200 => match serde_json::from_str::<AttachmentView>(&body) {
                Ok(a) => {
                    files.update(|f| f.push(a));
                    ok.set(true);
                    form.reset();
                }
                Err(_) => error.set(Some(lang.e().upload_failed.to_string())),
            },
            0 => error.set(Some(lang.e().upload_failed.to_string())),
            status => {
                let message = serde_json::from_str::<AppError>(&body)
                    .map(|err| match err.field("file") {
                        Some(p) => p.message(lang).to_string(),
                        None => err.message(lang).to_string(),
                    })
                    .unwrap_or_else(|_| {
                        if status == 413 {
                            crate::error::Problem::FileTooLarge
                                .message(lang)
                                .to_string()
                        } else {
                            lang.e().upload_failed.to_string()
                        }
                    });
                error.set(Some(message));
            }
        }
    });
    xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
    on_done.forget();
    let _ = xhr.send_with_opt_form_data(Some(&data));
}
