//! A juror's sheet that a save refused, kept for them: what they sent, criterion by criterion,
//! why it was not saved, and a button to discard it once they have copied what they need. A
//! document: no island.
use super::*;
use crate::api::jury::{DiscardUnsavedSheet, get_unsaved_sheet};
use crate::components::form::DiscardForm;
use crate::model::{UNSAVED_DAYS, UnsavedSheetView};

#[component]
pub fn JuryUnsavedPage() -> impl IntoView {
    let lang = current_lang();
    let id = param("id");
    load_page(
        id,
        get_unsaved_sheet,
        move |v: UnsavedSheetView| view! { <UnsavedSheet v lang/> },
    )
}

#[component]
fn UnsavedSheet(v: UnsavedSheetView, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let discard = ServerAction::<DiscardUnsavedSheet>::new();
    let sent = lang.date_time(&v.at.date, &v.at.time);
    let back = lang.href(&v.round.jury_path(&format!("/entries/{}", v.entry_id)));
    view! {
        <PageMeta title=format!("{} – {}", j.unsaved_title, v.title) description=j.unsaved_title/>
        <div class="wrap narrow">
            <p class="eyebrow"><a href=back.clone()>{j.unsaved_back}</a></p>
            <h1>{j.unsaved_title}": "<span lang=entry_lang(v.round)>{v.title.clone()}</span></h1>
            <p class="meta">{v.reference.clone()}</p>
            <p>{fill(j.unsaved_intro, &[&sent, &UNSAVED_DAYS.to_string()])}</p>
            <p class="notice">{j.unsaved_reasons[v.reason.index()]}</p>
            <DiscardForm action=discard label=j.unsaved_discard lang>
                <input type="hidden" name="entry_id" value=v.entry_id.to_string()/>
                <input type="hidden" name="lang" value=lang.code()/>
            </DiscardForm>
            <section aria-labelledby="sent-heading">
                <h2 id="sent-heading">{j.unsaved_sent}</h2>
                <dl class="kept-sheet">
                    {v.criteria.iter().zip(v.sheet.scores).map(|(k, s)| view! {
                        <dt>{local(&k.name, lang)}</dt>
                        <dd>
                            <p>{j.score_label}": "{if s.score.trim().is_empty() { j.not_scored.to_string() } else { s.score }}</p>
                            {(!s.comment.trim().is_empty()).then(|| view! { <p class="note-body">{s.comment}</p> })}
                        </dd>
                    }).collect_view()}
                    <dt>{j.overall_comment}</dt>
                    <dd><p class="note-body">{v.sheet.overall_comment}</p></dd>
                </dl>
            </section>
            <p><a href=back>{j.unsaved_back}</a></p>
        </div>
    }
}
