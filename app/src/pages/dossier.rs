//! The organiser's EUCPN dossier page of a decided year: the winning entry, its English text to
//! complete, and every saved version of that text.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::dossier::{SaveDossierEnglish, SaveEucpnAddress, SendDossier, get_dossier};
use crate::components::{
    current_lang,
    data::load,
    entry_document::english_status,
    entry_fields::{EnglishFields, LineField},
    form::{FormError, either_error, form_done, form_error, url_error},
    localized::local,
    number_param,
    page_meta::WidePage,
};
use crate::i18n::{Lang, entries::fill};
use crate::model::{DossierView, ENGLISH_PARTS, EnglishVersionRow, SendingRow};

#[component]
pub fn DossierPage() -> impl IntoView {
    let lang = current_lang();
    let d = lang.d();
    let year = number_param("year");
    let save = ServerAction::<SaveDossierEnglish>::new();
    let actions = SendActions {
        address: ServerAction::<SaveEucpnAddress>::new(),
        send: ServerAction::<SendDossier>::new(),
    };
    let y = year().unwrap_or(0);
    view! {
        <WidePage title=fill(d.title, &[&y.to_string()]) description=d.intro intro=d.intro
            back=(lang.href("/admin/competitions"), lang.e().admin_competitions)>
            {load(
                move || {
                    (
                        year().unwrap_or(0),
                        save.version().get(),
                        actions.address.version().get() + actions.send.version().get(),
                    )
                },
                |(y, ..)| get_dossier(y),
                move |v: DossierView| view! { <Dossier v lang save actions/> },
            )}
        </WidePage>
    }
}

#[derive(Clone, Copy)]
struct SendActions {
    address: ServerAction<SaveEucpnAddress>,
    send: ServerAction<SendDossier>,
}

#[component]
fn Dossier(
    v: DossierView,
    lang: Lang,
    save: ServerAction<SaveDossierEnglish>,
    actions: SendActions,
) -> impl IntoView {
    let d = lang.d();
    let error = either_error(form_error(save), url_error("save_dossier_english"));
    let (status_class, status) = english_status(&v.english, lang);
    let complete = v.english.is_complete();
    view! {
        <section aria-labelledby="dossier-winner-heading">
            <h2 id="dossier-winner-heading">{d.winner_heading}</h2>
            <dl class="facts">
                <dt>{lang.e().reference}</dt>
                <dd>{v.reference.clone()}</dd>
                <dt>{lang.t().theme}</dt>
                <dd>{local(&v.theme, lang)}</dd>
                <dt>{d.swedish_title}</dt>
                <dd lang="sv">{v.title_sv.clone()}</dd>
                <dt>{lang.e().field_organisation_display}</dt>
                <dd>{v.organisation.clone()}</dd>
            </dl>
        </section>
        <section aria-labelledby="dossier-english-heading">
            <h2 id="dossier-english-heading">{d.english_heading}</h2>
            <p class=status_class id="dossier-english-status">{status}</p>
            <ActionForm action=save>
                <FormError error lang/>
                <p role="status">{move || form_done(save).get().then_some(d.saved)}</p>
                <input type="hidden" name="year" value=v.year.to_string()/>
                <input type="hidden" name="base" value=v.version.to_string()/>
                <EnglishFields names="english[{}]" text=v.english.clone() limits=v.limits.clone() lang error/>
                <button type="submit" class="button">{d.save}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="dossier-files-heading">
            <h2 id="dossier-files-heading">{d.files_heading}</h2>
            <p>{d.files_intro}</p>
            <ul class="dossier-files">
                <li><a href=format!("/admin/competitions/{}/dossier.pdf", v.year) type="application/pdf">{d.preview_pdf}</a></li>
                <li><a href=format!("/admin/competitions/{}/dossier.docx", v.year) download="">{d.download_docx}</a></li>
            </ul>
        </section>
        <SendToEucpn year=v.year address=v.address.clone() complete sendings=v.sendings.clone() lang actions/>
        <section class="english-versions" aria-labelledby="dossier-versions-heading">
            <h2 id="dossier-versions-heading">{d.versions_heading}</h2>
            {if v.versions.is_empty() {
                view! { <p>{d.no_versions}</p> }.into_any()
            } else {
                v.versions.into_iter().map(|r| view! { <EnglishVersion r lang/> }).collect_view().into_any()
            }}
        </section>
    }
}

/// One saved version: who saved it and when, what it changed, and its text of those parts.
#[component]
fn EnglishVersion(r: EnglishVersionRow, lang: Lang) -> impl IntoView {
    let d = lang.d();
    let line = fill(
        d.version_line,
        &[
            &r.number.to_string(),
            &lang.date_time(&r.at.date, &r.at.time),
            &r.by,
        ],
    );
    let changed: Vec<&str> = ENGLISH_PARTS
        .into_iter()
        .filter(|k| r.changed.iter().any(|c| c == k))
        .collect();
    view! {
        <details>
            <summary>{line}</summary>
            <p>{fill(d.changed, &[&lang.part_names(&changed)])}</p>
            <dl>
                {changed.into_iter().map(|k| view! {
                    <dt>{lang.part_name(k)}</dt>
                    <dd lang="en">{r.text.part(k).to_string()}</dd>
                }).collect_view()}
            </dl>
        </details>
    }
}

/// The year's EUCPN address, the button that sends the dossier there (once the English text is
/// complete and the address is set), and every sending so far.
#[component]
fn SendToEucpn(
    year: i32,
    address: String,
    complete: bool,
    sendings: Vec<SendingRow>,
    lang: Lang,
    actions: SendActions,
) -> impl IntoView {
    let d = lang.d();
    let address_error = either_error(form_error(actions.address), url_error("save_eucpn_address"));
    let send_error = either_error(form_error(actions.send), url_error("send_dossier"));
    let can_send = complete && !address.is_empty();
    // EUCPN's latest dossier is of an entry the decision no longer names.
    let outdated = sendings.first().and_then(|s| s.other_entry.clone());
    view! {
        <section aria-labelledby="dossier-send-heading">
            <h2 id="dossier-send-heading">{d.send_heading}</h2>
            <p>{d.send_intro}</p>
            {outdated.map(|r| view! { <p class="notice" id="dossier-sent-other">{fill(d.sent_for_other, &[&r])}</p> })}
            <ActionForm action=actions.address>
                <FormError error=address_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
                <LineField name="address".to_string() key="address".to_string() label=d.address.to_string() value=address lang error=address_error kind="email" autocomplete="email" hint=d.address_hint required=true/>
                <button type="submit" class="button secondary">{d.save_address}</button>
            </ActionForm>
            {(!complete).then(|| view! { <p class="notice" id="dossier-send-blocked">{d.english_incomplete}</p> })}
            {can_send.then(|| view! {
                <ActionForm action=actions.send>
                    <FormError error=send_error lang/>
                    <p role="status">{move || form_done(actions.send).get().then_some(d.sent)}</p>
                    <input type="hidden" name="year" value=year.to_string()/>
                    <button type="submit" class="button">{d.send}</button>
                </ActionForm>
            })}
            {if sendings.is_empty() {
                view! { <p>{d.no_sendings}</p> }.into_any()
            } else {
                view! {
                    <ul class="dossier-sendings">
                        {sendings.into_iter().map(|s| view! {
                            <li>
                                {fill(d.sending_line, &[&lang.date_time(&s.at.date, &s.at.time), &s.by, &s.to, &s.english_version.to_string()])}
                                {s.other_entry.map(|r| view! { <p>{fill(d.sending_other, &[&r])}</p> })}
                                <dl>
                                    <dt>{d.digest_pdf}</dt>
                                    <dd><code>{s.pdf_sha256}</code></dd>
                                    <dt>{d.digest_docx}</dt>
                                    <dd><code>{s.docx_sha256}</code></dd>
                                </dl>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
