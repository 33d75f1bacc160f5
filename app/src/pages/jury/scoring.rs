//! A juror's scoring page: the entry, the score sheet that saves itself, and the other
//! jurors' scores once the juror may see them.
use super::*;
use crate::api::jury::DiscardUnsavedConflict;
use crate::components::autosave::{Autosave, SaveBar, SaveRequest, SaveState};
use crate::components::entry_fields::{FieldError, problem_text};
use crate::components::form::{DiscardForm, KeptNotice, KeptTextCopy, KeptWords};

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

/// The scoring desk: the entry on the left with an index of its parts, the juror's sheet on the
/// right, sticky and scrolling on its own; one column on a narrow screen, with a link straight
/// to the sheet.
#[component]
fn Scoring(v: ScoringView, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let declare = ServerAction::<DeclareConflict>::new();
    let declare_error = url_error("declare_conflict");
    let discard = ServerAction::<DiscardUnsavedConflict>::new();
    let entry_id = v.entry_id;
    let title = v.entry.title.clone();
    let r = round_param()();
    // A reason for a conflict of the juror's refused for what it said comes back in the form.
    let (returned, listed) = match v.kept_conflict.clone() {
        Some(k) if k.in_form => (Some(k), None),
        kept => (None, kept),
    };
    view! {
        <PageMeta title=format!("{} – {}", j.score_entry, title) description=j.score_entry/>
        <div class="wrap desk-wrap scoring">
            <p class="eyebrow"><a href=lang.href(&r.jury_path(""))>{jury_title(r, lang)}</a></p>
            <h1>{j.score_entry}": "<span lang=entry_lang(r)>{title}</span></h1>
            <p class="meta">{v.reference.clone()}{v.closes.as_ref().map(|c| view! { " · "{j.closes}" "{date_time(c, lang)} })}</p>
            <p class="to-sheet"><a href="#scores-heading">{j.to_sheet}</a></p>
            <div class="desk">
                <div class="desk-entry">
                    <EntryIndex lang/>
                    <p class="notice">{j.supporting_note}</p>
                    <p><a href=lang.href(&format!("/entries/{}/reading-copy.pdf", v.entry_id))>{lang.d().copy_link}</a></p>
                    <EntryDocument draft=v.entry.clone() limits=Default::default() lang attachments=v.attachments.clone() anonymous=v.anonymous/>
                </div>
                <section class="desk-sheet" aria-labelledby="scores-heading">
                    <h2 id="scores-heading">{j.your_scores}</h2>
                    {if v.shortlisting {
                        view! { <p class="notice">{lang.shortlist().desk_note}" "<a href=lang.href(&r.jury_path("/shortlist"))>{lang.shortlist().link}</a></p> }.into_any()
                    } else {
                        (!v.editable).then(|| view! { <p>{j.closed_note}</p> }).into_any()
                    }}
                    <KeptNotice
                        sent=v.unsaved.clone().map(|k| (k.at, k.in_form))
                        href=format!("/jury/unsaved/{}", v.entry_id)
                        words=KeptWords { in_form: j.unsaved_in_form, elsewhere: j.unsaved_notice, link: j.unsaved_link }
                        lang
                    />
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
                    <EntrySteps previous=v.previous.clone() next=v.next.clone() r lang/>
                    <OthersView others=v.others.clone() criteria=v.criteria.clone() lang/>
                    <p><a href=lang.href(&format!("/jury/discussion/{}", v.entry_id))>{j.discussion_link}</a></p>
                    {if v.may_declare {
                        view! {
                            <section aria-labelledby="conflict-heading" class="withdraw-box">
                                <h2 id="conflict-heading">{j.conflict_title}</h2>
                                <p id="conflict-hint">{if v.editable || v.shortlisting { j.conflict_hint } else { j.conflict_hint_closed }}</p>
                                {returned.as_ref().map(|k| view! { <p class="notice">{fill(j.conflict_kept_in_form, &[&lang.date_time(&k.at.date, &k.at.time)])}</p> })}
                                <ActionForm action=declare>
                                    <FormError error=declare_error lang/>
                                    <input type="hidden" name="entry_id" value=v.entry_id.to_string()/>
                                    <SectionField name="reason".to_string() key="reason".to_string() label=j.conflict_reason value=returned.map(|k| k.form).unwrap_or_default() limit=None lang error=declare_error rows=2 required=true/>
                                    <button type="submit" class="button secondary" aria-describedby="conflict-hint">{j.declare_conflict}</button>
                                </ActionForm>
                            </section>
                        }.into_any()
                    } else {
                        // A conflict declared from a page opened before the jury decided is
                        // refused after; the form is gone, so its error is announced here.
                        view! { <FormError error=declare_error lang/> }.into_any()
                    }}
                    {listed.map(|k| view! {
                        <section class="withdraw-box">
                            <KeptTextCopy k words=j.conflict_kept nested=false lang>
                                <DiscardForm action=discard label=j.unsaved_discard lang>
                                    <input type="hidden" name="entry_id" value=entry_id.to_string()/>
                                </DiscardForm>
                            </KeptTextCopy>
                        </section>
                    })}
                </section>
            </div>
        </div>
    }
}

/// Links to the parts of the entry below (`EntryDocument`'s headings).
#[component]
fn EntryIndex(lang: Lang) -> impl IntoView {
    let e = lang.e();
    let parts = [("contacts", e.part_contacts), ("links", e.part_links)]
        .into_iter()
        .chain(SECTIONS.iter().copied().zip(e.sections.iter().copied()))
        .map(|(key, name)| (format!("#entry-part-{key}"), name))
        .chain([
            ("#entry-english-heading".to_string(), lang.d().part_english),
            ("#entry-part-attachments".to_string(), e.part_attachments),
        ]);
    view! {
        <nav class="entry-index" aria-label=lang.j().entry_parts>
            <ul>{parts.map(|(href, name)| view! { <li><a href=href>{name}</a></li> }).collect_view()}</ul>
        </nav>
    }
}

/// The juror's entries before and after this one, and their list.
#[component]
fn EntrySteps(
    previous: Option<EntryLink>,
    next: Option<EntryLink>,
    r: RoundRef,
    lang: Lang,
) -> impl IntoView {
    let j = lang.j();
    // "Nästa: {}", the title in the language the round's entries are written in.
    let link = move |l: EntryLink, words: &'static str, rel: &'static str| {
        let (before, after) = words.split_once("{}").unwrap_or((words, ""));
        view! {
            <li>
                <a rel=rel href=lang.href(&r.jury_path(&format!("/entries/{}", l.entry_id)))>{before}<span lang=entry_lang(r)>{l.title}</span>{(!after.is_empty()).then_some(after)}</a>
            </li>
        }
    };
    view! {
        <nav class="sheet-steps" aria-label=j.your_entries>
            <ul>
                {previous.map(|l| link(l, j.previous_entry, "prev"))}
                {next.map(|l| link(l, j.next_entry, "next"))}
                <li><a href=lang.href(&r.jury_path(""))>{j.all_entries}</a></li>
            </ul>
        </nav>
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
/// scripts they are plain form posts. The save status and the buttons end the sheet, pinned in
/// sight at the bottom of it once scripts run. The sheet is never re-rendered while the juror
/// works, so no timer outlives what it refers to.
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
    // A plain post saved over in between: said in the sheet's words, not the entry form's.
    let stale = matches!(
        returned_error,
        Some(crate::error::AppError::Conflict(
            crate::error::Conflict::Stale
        ))
    );
    let error = RwSignal::new(returned_error.filter(|_| !stale));
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
        <form method="post" action="/api/save_scores" node_ref=form_ref on:input=on_change on:change=on_change on:submit=on_submit>
            <FormError error=errors lang/>
            {stale.then(|| view! { <p role="alert" class="form-error">{j.sheet_stale}</p> })}
            <input type="hidden" name="entry_id" value=entry_id.to_string()/>
            <input type="hidden" name="revision" value=move || revision.get().to_string()/>
            <p class="hint">{if hi - lo <= MAX_CHOICES { j.sheet_keys.to_string() } else { fill(j.scale_hint, &[&lo.to_string(), &hi.to_string()]) }}</p>
            {criteria.iter().enumerate().map(|(i, k)| {
                let s = sheet.scores.get(i).cloned().unwrap_or_default();
                let heading_id = format!("criterion-{i}");
                let labelled = heading_id.clone();
                let description_id = format!("criterion-{i}-description");
                view! {
                    <fieldset class="criterion" aria-labelledby=labelled>
                        <legend id=heading_id>{local(&k.name, lang)}" ("{fill(lang.e().weight, &[&k.weight.to_string()])}")"</legend>
                        <p class="hint" id=description_id.clone()>{local(&k.description, lang)}</p>
                        <input type="hidden" name=format!("sheet[scores][{i}][key]") value=k.key.clone()/>
                        {if hi - lo <= MAX_CHOICES {
                            view! { <LevelChoice index=i criterion=k.clone() scale value=s.score.clone() description_id lang errors/> }.into_any()
                        } else {
                            view! {
                                <LineField name=format!("sheet[scores][{i}][score]") key=format!("scores.{i}.score") label=format!("{} – {}", j.score_label, k.name.pick(lang).0) value=s.score lang error=errors kind="number" required=true/>
                                <LevelList levels=k.levels.clone() lang/>
                            }.into_any()
                        }}
                        <SectionField name=format!("sheet[scores][{i}][comment]") key=format!("scores.{i}.comment") label=j.comment_label value=s.comment limit=None lang error=errors rows=3/>
                    </fieldset>
                }
            }).collect_view()}
            <SectionField name="sheet[overall_comment]".to_string() key="overall_comment".to_string() label=j.overall_comment value=sheet.overall_comment.clone() limit=None lang error=errors rows=4/>
            <SaveBar state lang conflict=j.sheet_conflict note=submitted.then_some(j.submitted_scores)>
                <button type="submit" class="button secondary" name="submit" value="false" disabled=!editable>{j.save}</button>
                <button type="submit" class="button" name="submit" value="true" disabled=!editable>{j.submit_scores}</button>
            </SaveBar>
        </form>
    }
}

/// Scales with at most this many steps are scored by choosing a level; wider ones by typing.
const MAX_CHOICES: i32 = 10;

/// One criterion's score as a choice of levels, each with what it means: a radio group (Tab
/// reaches it, the arrow keys choose), "no score yet" first so a draft can leave it open.
#[component]
fn LevelChoice(
    index: usize,
    criterion: crate::model::CriterionInfo,
    scale: (i32, i32),
    value: String,
    description_id: String,
    lang: Lang,
    errors: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let j = lang.j();
    let name = format!("sheet[scores][{index}][score]");
    let key = format!("scores.{index}.score");
    let error_id = format!("entry-scores-{index}-score-error");
    let message = problem_text(errors, Signal::stored(key), lang);
    let describe = {
        let error_id = error_id.clone();
        move || match message.get() {
            Some(_) => format!("{description_id} {error_id}"),
            None => description_id.clone(),
        }
    };
    let value = value.trim().to_string();
    let option = move |id: String, v: String, label: AnyView| {
        let checked = v == value;
        view! {
            <div class="level">
                <input type="radio" id=id.clone() name=name.clone() value=v checked=checked/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <fieldset class="levels" aria-describedby=describe>
            <legend>{j.score_label}" – "{local(&criterion.name, lang)}</legend>
            {option(format!("score-{index}-none"), String::new(), j.not_scored.into_any())}
            {(scale.0..=scale.1).map(|n| {
                let meaning = criterion.levels.iter().find(|l| l.score == n).map(|l| local(&l.meaning, lang));
                let label = view! {
                    <span class="level-score">{n}</span>
                    {meaning.map(|m| view! { " "<span class="level-meaning">{m}</span> })}
                };
                option(format!("score-{index}-{n}"), n.to_string(), label.into_any())
            }).collect_view()}
            <FieldError id=error_id message/>
        </fieldset>
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
