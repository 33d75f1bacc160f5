//! A juror's scoring page: the entry, the score sheet that saves itself, and the other
//! jurors' scores once the juror may see them.
use super::*;
use crate::components::autosave::{Autosave, SaveIndicator, SaveRequest, SaveState};

#[component]
pub fn ScoringPage() -> impl IntoView {
    let lang = current_lang();
    let id = param("id");
    load_page(
        id,
        get_scoring,
        move |v: ScoringView| view! { <Scoring v lang/> },
    )
}

#[component]
fn Scoring(v: ScoringView, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let declare = ServerAction::<DeclareConflict>::new();
    let declare_error = url_error("declare_conflict");
    let title = v.entry.title.clone();
    let r = round_param()();
    view! {
        <PageMeta title=format!("{} – {}", j.score_entry, title) description=j.score_entry/>
        <div class="wrap narrow scoring">
            <p class="eyebrow"><a href=lang.href(&r.jury_path(""))>{jury_title(r, lang)}</a></p>
            <h1>{j.score_entry}": "<span lang=entry_lang(r)>{title}</span></h1>
            <p class="meta">{v.reference.clone()}{v.closes.as_ref().map(|c| view! { " · "{j.closes}" "{date_time(c, lang)} })}</p>
            <p class="notice">{j.supporting_note}</p>
            <p><a href=lang.href(&format!("/entries/{}/reading-copy.pdf", v.entry_id))>{lang.d().copy_link}</a></p>
            <EntryDocument draft=v.entry.clone() limits=Default::default() lang attachments=v.attachments.clone()/>
            <section aria-labelledby="scores-heading">
                <h2 id="scores-heading">{j.your_scores}</h2>
                {(!v.editable).then(|| view! { <p>{j.closed_note}</p> })}
                <ScoreSheet
                    entry_id=v.entry_id
                    revision=v.revision
                    submitted=v.status == SheetStatus::Submitted
                    editable=v.editable
                    criteria=v.criteria.clone()
                    scale=v.scale
                    sheet=v.sheet.clone()
                    lang
                    returned_error=url_error("save_scores").get_untracked()
                />
            </section>
            <OthersView others=v.others.clone() criteria=v.criteria.clone() lang/>
            <p><a href=lang.href(&format!("/jury/discussion/{}", v.entry_id))>{j.discussion_link}</a></p>
            {v.editable.then(|| view! {
                <section aria-labelledby="conflict-heading" class="withdraw-box">
                    <h2 id="conflict-heading">{j.conflict_title}</h2>
                    <p id="conflict-hint">{j.conflict_hint}</p>
                    <ActionForm action=declare>
                        <FormError error=declare_error lang/>
                        <input type="hidden" name="entry_id" value=v.entry_id.to_string()/>
                        <SectionField name="reason".to_string() key="reason".to_string() label=j.conflict_reason value=String::new() limit=None lang error=declare_error rows=2 required=true/>
                        <button type="submit" class="button secondary" aria-describedby="conflict-hint">{j.declare_conflict}</button>
                    </ActionForm>
                </section>
            })}
        </div>
    }
}

/// How the score sheet saves: `save_scores`, as a draft or with the button's "submit" value;
/// after a button's save the page is read again (the status, and others' scores once
/// submitted).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct SheetSave {
    entry_id: i32,
}

impl SaveRequest for SheetSave {
    #[cfg(feature = "hydrate")]
    fn send(
        self,
        data: web_sys::FormData,
        revision: i32,
        button: Option<String>,
    ) -> impl Future<Output = Result<crate::model::Saved, crate::error::AppError>> + 'static {
        use crate::api::jury::{SaveScores, save_scores};
        use crate::error::AppError;
        use leptos::form::FromFormData;
        let args = SaveScores::from_form_data(&data).map_err(|_| AppError::Invalid(vec![]));
        async move { save_scores(self.entry_id, revision, args?.sheet, button).await }
    }

    #[cfg(feature = "hydrate")]
    fn after_button(self, _button: &str) {
        let _ = window().location().reload();
    }
}

/// The juror's score sheet. It saves itself as a draft two seconds after the last change, one
/// request at a time, retried with backoff while the server cannot be reached. "Save" and
/// "Submit" wait for a running autosave, send the sheet, and read the page again; without
/// scripts they are plain form posts. The sheet is never re-rendered while the juror works,
/// so no timer outlives what it refers to.
#[island]
fn ScoreSheet(
    entry_id: i32,
    revision: i32,
    submitted: bool,
    editable: bool,
    criteria: Vec<crate::model::CriterionInfo>,
    scale: (i32, i32),
    sheet: crate::model::SheetForm,
    lang: Lang,
    /// The error a plain form post came back with.
    returned_error: Option<crate::error::AppError>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let j = lang.j();
    let revision = RwSignal::new(revision);
    let state = RwSignal::new(SaveState::Idle);
    let error = RwSignal::new(returned_error);
    let errors = Signal::from(error);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let autosave = Autosave::new(SheetSave { entry_id }, form_ref, revision, state, error);
    let on_change = move |_| {
        if editable {
            autosave.changed();
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            ev.prevent_default();
            let submit = ev
                .submitter()
                .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .is_some_and(|b| b.value() == "true");
            autosave.send(Some(submit.to_string()));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let (lo, hi) = scale;
    view! {
        <SaveIndicator state lang conflict=j.sheet_conflict note=submitted.then_some(j.submitted_scores)/>
        <form method="post" action="/api/save_scores" node_ref=form_ref on:input=on_change on:change=on_change on:submit=on_submit>
            <FormError error=errors lang/>
            <input type="hidden" name="entry_id" value=entry_id.to_string()/>
            <input type="hidden" name="revision" value=move || revision.get().to_string()/>
            {criteria.iter().enumerate().map(|(i, k)| {
                let s = sheet.scores.get(i).cloned().unwrap_or_default();
                let heading_id = format!("criterion-{i}");
                let labelled = heading_id.clone();
                view! {
                    <fieldset class="criterion" aria-labelledby=labelled>
                        <legend id=heading_id>{local(&k.name, lang)}" ("{fill(lang.e().weight, &[&k.weight.to_string()])}")"</legend>
                        <p class="hint">{local(&k.description, lang)}</p>
                        <input type="hidden" name=format!("sheet[scores][{i}][key]") value=k.key.clone()/>
                        <LineField name=format!("sheet[scores][{i}][score]") key=format!("scores.{i}.score") label=format!("{} – {}", j.score_label, k.name.pick(lang).0) value=s.score lang error=errors kind="number" hint=if lo == 0 && hi == 5 { "0–5" } else { "" } required=true/>
                        <SectionField name=format!("sheet[scores][{i}][comment]") key=format!("scores.{i}.comment") label=j.comment_label value=s.comment limit=None lang error=errors rows=3/>
                    </fieldset>
                }
            }).collect_view()}
            <SectionField name="sheet[overall_comment]".to_string() key="overall_comment".to_string() label=j.overall_comment value=sheet.overall_comment.clone() limit=None lang error=errors rows=4/>
            <p class="hint">{fill(j.scale_hint, &[&lo.to_string(), &hi.to_string()])}</p>
            <button type="submit" class="button secondary" name="submit" value="false" disabled=!editable>{j.save}</button>
            " "
            <button type="submit" class="button" name="submit" value="true" disabled=!editable>{j.submit_scores}</button>
        </form>
    }
}

/// Other jurors' submitted sheets where the rules allow, each score under its criterion's name
/// in the page's language.
#[component]
fn OthersView(
    others: Result<Vec<crate::model::OtherSheet>, Hidden>,
    criteria: Vec<crate::model::CriterionInfo>,
    lang: Lang,
) -> impl IntoView {
    let j = lang.j();
    let name = move |key: &str| match criteria.iter().find(|k| k.key == key) {
        Some(k) => local(&k.name, lang),
        None => key.to_string().into_any(),
    };
    view! {
        <section aria-labelledby="others-heading">
            <h2 id="others-heading">{j.others_title}</h2>
            {match others {
                Err(hidden) => view! { <p class="others-hidden">{hidden_note(hidden, lang)}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{j.no_others}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="others">
                        {list.into_iter().map(|o| view! {
                            <li>
                                <strong>{o.juror}</strong>" – "{j.total}": "{lang.decimal(o.total, 2)}
                                <ul>{o.scores.into_iter().map(|s| {
                                    let comment = (!s.comment.trim().is_empty()).then(|| view! { " – "{s.comment}});
                                    view! { <li>{name(&s.key)}": "{s.score}{comment}</li> }
                                }).collect_view()}</ul>
                                {(!o.overall_comment.is_empty()).then(|| view! { <p>{o.overall_comment}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
