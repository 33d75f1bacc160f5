//! The jury's feedback to applicants: the page where the organiser or chair prepares it for one
//! entry (`/jury/feedback/<entry>`), the organiser's overview on the round's results page, and
//! the applicant's page under their entry (`/entries/<entry>/feedback`). Plain forms: they work
//! the same without JavaScript. Feedback a save refused comes back in the form, or beside it
//! when it has been saved since (in another tab or by someone else), kept for its writer.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::feedback::{
    DiscardUnsavedFeedback, ReleaseFeedback, SaveFeedback, get_entry_feedback, get_feedback_draft,
    get_feedback_overview,
};
use crate::components::entry_fields::SectionField;
use crate::components::form::{DiscardForm, FormError, form_done, form_error};
use crate::components::{current_lang, data::load, data::load_page, number_param};
use crate::components::{page_meta::PageMeta, page_meta::WidePage};
use crate::error::AppError;
use crate::i18n::{Lang, entries::fill};
use crate::model::{
    EntryFeedback, FeedbackCandidate, FeedbackComment, FeedbackDraftView, FeedbackRow,
    FeedbackState, KeptFeedback, RoundRef, UNSAVED_DAYS, When,
};

fn at(lang: Lang, w: &When) -> String {
    lang.date_time(&w.date, &w.time)
}

fn state_text(lang: Lang, s: &FeedbackState) -> String {
    let f = lang.feedback();
    match s {
        FeedbackState::Empty => f.state_empty.to_string(),
        FeedbackState::Prepared => f.state_prepared.to_string(),
        FeedbackState::Released(w) => fill(f.state_released, &[&at(lang, w)]),
    }
}

fn criterion_text(lang: Lang, c: &Option<crate::model::Text>) -> String {
    match c {
        Some(t) => t.pick(lang).0.to_string(),
        None => lang.feedback().overall.to_string(),
    }
}

/// The organiser's or chair's page for the feedback on one entry.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let lang = current_lang();
    let id = number_param("id");
    let save = ServerAction::<SaveFeedback>::new();
    let release = ServerAction::<ReleaseFeedback>::new();
    let discard = ServerAction::<DiscardUnsavedFeedback>::new();
    let versions = move || {
        (
            save.version().get(),
            release.version().get(),
            discard.version().get(),
        )
    };
    load_page(
        move || (id(), versions()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_feedback_draft(id).await,
                None => Err(AppError::NotFound),
            }
        },
        move |v: FeedbackDraftView| view! { <FeedbackDraft v lang save release discard/> },
    )
}

#[component]
fn FeedbackDraft(
    v: FeedbackDraftView,
    lang: Lang,
    save: ServerAction<SaveFeedback>,
    release: ServerAction<ReleaseFeedback>,
    discard: ServerAction<DiscardUnsavedFeedback>,
) -> impl IntoView {
    let f = lang.feedback();
    let error = form_error(save);
    let release_error = form_error(release);
    let chosen_problem = crate::components::form::field_problem(error, "chosen");
    let id = v.entry_id.to_string();
    let heading = format!("{} – {}", f.title, v.reference);
    let back = lang.href(&v.back);
    let may_release = v.organiser && !matches!(v.state, FeedbackState::Released(_));
    let release_id = id.clone();
    let returned = v.kept.clone().filter(|k| k.in_form);
    let beside = v.kept.clone().filter(|k| !k.in_form);
    // With a copy beside it, the form shows what is saved, and the browser's script does not
    // put back what was typed (`boot.js`): the copy shows that.
    let restore = beside.is_some().then_some("off");
    view! {
        <PageMeta title=heading.clone() description=f.intro/>
        <div class="wrap narrow">
            <p class="eyebrow"><a href=back>{f.back}</a></p>
            <h1>{heading}</h1>
            <p class="lead">{v.title.clone()}</p>
            <p>{f.intro}</p>
            <dl class="facts">
                <dt>{f.state_heading}</dt>
                <dd>{state_text(lang, &v.state)}</dd>
            </dl>
            <ActionForm action=save attr:data-restore=restore>
                <FormError error lang/>
                <p role="status">{move || form_done(save).get().then_some(f.saved)}</p>
                {returned.map(|k| view! { <p class="notice">{fill(f.kept_in_form, &[&at(lang, &k.at)])}</p> })}
                <input type="hidden" name="entry_id" value=id.clone()/>
                <input type="hidden" name="revision" value=v.revision.to_string()/>
                <SectionField name="summary_sv".into() key="summary_sv".into() label=f.summary_sv hint=f.summary_hint value=v.summary_sv.clone() limit=None lang error text_lang=Some("sv")/>
                <SectionField name="summary_en".into() key="summary_en".into() label=f.summary_en hint=f.summary_hint value=v.summary_en.clone() limit=None lang error text_lang=Some("en")/>
                <fieldset class="feedback-comments" aria-describedby="feedback-comments-hint">
                    <legend>{f.comments_legend}</legend>
                    <p class="hint" id="feedback-comments-hint">{f.comments_hint}</p>
                    {move || chosen_problem.get().map(|p| view! { <p class="field-error">{p.message(lang)}</p> })}
                    {if v.candidates.is_empty() {
                        view! { <p>{f.no_comments}</p> }.into_any()
                    } else {
                        v.candidates.iter().enumerate().map(|(i, c)| view! { <CandidateBox i c=c.clone() lang/> }).collect_view().into_any()
                    }}
                </fieldset>
                <button type="submit" class="button">{f.save}</button>
            </ActionForm>
            {move || form_done(discard).get().then(|| view! { <p class="notice success" role="status">{f.kept_discarded}</p> })}
            {beside.map(|k| view! { <KeptFeedbackCopy k entry_id=v.entry_id discard lang/> })}
            {may_release.then(|| view! {
                <section aria-labelledby="release-feedback-heading">
                    <h2 id="release-feedback-heading">{f.release_heading}</h2>
                    {if v.results_public {
                        view! {
                            <p id="release-feedback-hint">{f.release_hint}</p>
                            <ActionForm action=release>
                                <FormError error=release_error lang/>
                                <input type="hidden" name="entry_id" value=release_id.clone()/>
                                <button type="submit" class="button secondary" aria-describedby="release-feedback-hint">{f.release}</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <p>{f.not_public_yet}</p> }.into_any()
                    }}
                </section>
            })}
            {move || form_done(release).get().then(|| view! { <p class="notice success" role="status">{f.released_done}</p> })}
            {(!v.organiser).then(|| view! { <p>{f.chair_releases}</p> })}
        </div>
    }
}

/// Feedback of the reader's that a save refused and that the form does not show: as it was
/// sent, why it was not saved, and a plain form to discard it.
#[component]
fn KeptFeedbackCopy(
    k: KeptFeedback,
    entry_id: i32,
    discard: ServerAction<DiscardUnsavedFeedback>,
    lang: Lang,
) -> impl IntoView {
    let f = lang.feedback();
    let written = |text: String, text_lang: &'static str| -> AnyView {
        if text.trim().is_empty() {
            view! { {f.kept_none} }.into_any()
        } else {
            view! { <p class="note-body" lang=text_lang>{text}</p> }.into_any()
        }
    };
    let chosen = if k.chosen.is_empty() {
        view! { {f.kept_none} }.into_any()
    } else {
        view! {
            <ul>
                {k.chosen.into_iter().map(|c| view! {
                    <li><strong>{fill(f.juror_n, &[&c.juror.to_string()])}", "{criterion_text(lang, &c.criterion)}": "</strong>{c.text}</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="kept-feedback-heading">
            <h2 id="kept-feedback-heading">{f.kept_title}</h2>
            <p>{fill(f.kept_intro, &[&at(lang, &k.at), &UNSAVED_DAYS.to_string()])}</p>
            <p class="notice">{f.kept_reasons[k.reason.index()]}</p>
            <dl class="kept-sheet">
                <dt>{f.summary_sv}</dt><dd>{written(k.summary_sv, "sv")}</dd>
                <dt>{f.summary_en}</dt><dd>{written(k.summary_en, "en")}</dd>
                <dt>{f.kept_chosen}</dt><dd>{chosen}</dd>
            </dl>
            <DiscardForm action=discard label=f.kept_discard lang>
                <input type="hidden" name="entry_id" value=entry_id.to_string()/>
            </DiscardForm>
        </section>
    }
}

/// One juror's comment, to tick: the juror by number, the criterion, the words.
#[component]
fn CandidateBox(i: usize, c: FeedbackCandidate, lang: Lang) -> impl IntoView {
    let f = lang.feedback();
    let box_id = format!("feedback-chosen-{i}");
    view! {
        <div class="check feedback-candidate">
            <input type="checkbox" id=box_id.clone() name=format!("chosen[{i}]") value=c.key checked=c.chosen/>
            <label for=box_id>
                <strong>{fill(f.juror_n, &[&c.juror.to_string()])}", "{criterion_text(lang, &c.criterion)}": "</strong>
                {c.text}
            </label>
        </div>
    }
}

/// The organiser's overview of a round's feedback, on the round's results page.
#[component]
pub fn FeedbackOverview(r: RoundRef, lang: Lang) -> impl IntoView {
    let f = lang.feedback();
    view! {
        <section aria-labelledby="feedback-overview-heading">
            <h2 id="feedback-overview-heading">{f.overview_heading}</h2>
            <p>{f.overview_intro}</p>
            {load(
                move || r,
                |r| get_feedback_overview(r.year, r.europe_arg(), r.country_arg()),
                move |rows: Vec<FeedbackRow>| view! { <FeedbackTable rows lang/> },
            )}
        </section>
    }
}

#[component]
fn FeedbackTable(rows: Vec<FeedbackRow>, lang: Lang) -> impl IntoView {
    let f = lang.feedback();
    if rows.is_empty() {
        return view! { <p>{f.none_judged}</p> }.into_any();
    }
    view! {
        <table class="feedback-overview">
            <thead>
                <tr>
                    <th scope="col">{f.col_entry}</th>
                    <th scope="col">{f.col_state}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <td>
                            <a href=lang.href(&format!("/jury/feedback/{}", row.entry_id))>{row.reference}</a>
                            " "{row.title}
                        </td>
                        <td>{state_text(lang, &row.state)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The applicant's page: the jury's feedback under their entry, once released.
#[component]
pub fn EntryFeedbackPage() -> impl IntoView {
    let lang = current_lang();
    let id = number_param("id");
    load_page(
        id,
        |id| async move {
            match id {
                Some(id) => get_entry_feedback(id).await,
                None => Err(AppError::NotFound),
            }
        },
        move |v: EntryFeedback| view! { <EntryFeedbackView v lang/> },
    )
}

#[component]
fn EntryFeedbackView(v: EntryFeedback, lang: Lang) -> impl IntoView {
    let f = lang.feedback();
    let title = format!("{} – {}", f.entry_title, v.title);
    let summary = v
        .summary(lang)
        .map(|(text, in_lang)| (text.to_string(), in_lang));
    view! {
        <WidePage title=title.clone() description=f.entry_title back=(lang.href(&format!("/entries/{}/preview", v.entry_id)), f.back_to_entry)>
            <p>{v.reference.clone()}</p>
            {match v.released.clone() {
                None => view! { <p class="notice">{f.not_released}</p> }.into_any(),
                Some(w) => view! {
                    <p>{fill(f.state_released, &[&at(lang, &w)])}</p>
                    {summary.map(|(text, in_lang)| view! {
                        <section aria-labelledby="feedback-summary-heading">
                            <h2 id="feedback-summary-heading">{f.summary_heading}</h2>
                            {(in_lang != lang).then(|| view! { <p class="hint">{f.only_in_other}</p> })}
                            <div lang=in_lang.code()>
                                {text.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                            </div>
                        </section>
                    })}
                    {(!v.comments.is_empty()).then(|| view! { <FeedbackComments comments=v.comments.clone() lang/> })}
                }.into_any(),
            }}
        </WidePage>
    }
}

#[component]
fn FeedbackComments(comments: Vec<FeedbackComment>, lang: Lang) -> impl IntoView {
    let f = lang.feedback();
    view! {
        <section aria-labelledby="feedback-comments-heading">
            <h2 id="feedback-comments-heading">{f.comments_heading}</h2>
            <dl class="feedback-comments">
                {comments.into_iter().map(|c| view! {
                    <dt>{criterion_text(lang, &c.criterion)}</dt>
                    <dd>{c.text}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}
