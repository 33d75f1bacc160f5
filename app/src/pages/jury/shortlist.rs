//! The shortlist round's page: a juror's answers as one plain form, and for the chair (and the
//! organiser) every entry's answers and the advancement, also a plain form. An advancement of
//! the reader's that was refused comes back in the form, or is listed with why. A document that
//! works without JavaScript.
use super::*;
use crate::api::shortlist::{
    AdvanceShortlist, DiscardUnsavedAdvancement, SaveShortlistAnswers, TakeBackShortlist,
    get_shortlist,
};
use crate::components::entry_fields::{FieldError, GroupError, problem_text};
use crate::components::form::DiscardForm;
use crate::model::{
    AdvanceForm, Advancement, KeptForm, ShortlistChoice, ShortlistKind, ShortlistStatus,
    ShortlistView, TallyLine, UNSAVED_DAYS,
};

#[component]
pub fn ShortlistPage() -> impl IntoView {
    let lang = current_lang();
    let round = round_param();
    let r = round();
    let s = lang.shortlist();
    view! {
        <WidePage title=fill(s.title, &[&r.year.to_string()]) description=s.intro_rating>
            <p class="eyebrow"><a href=lang.href(&r.jury_path(""))>{jury_title(r, lang)}</a></p>
            {load(round, |r: RoundRef| get_shortlist(r.year, r.europe_arg(), r.country_arg()), move |v: ShortlistView| view! { <Shortlist v r lang/> })}
        </WidePage>
    }
}

#[component]
fn Shortlist(v: ShortlistView, r: RoundRef, lang: Lang) -> impl IntoView {
    let s = lang.shortlist();
    let intro = match v.kind {
        ShortlistKind::Rating => s.intro_rating,
        ShortlistKind::Vote => s.intro_vote,
    };
    let member_view = v.advanced.is_none() && (v.open || !v.mine.is_empty());
    let lines = v.tally.clone().unwrap_or_default();
    // The reader's advancement that was refused for what it said is back in the form; any
    // other is listed after it.
    let returned = v.kept.clone().filter(|k| k.in_form);
    let listed = v.kept.clone().filter(|k| !k.in_form);
    view! {
        {v.advanced.is_none().then(|| view! { <p>{intro}</p> })}
        {v.closes.as_ref().map(|c| view! { <p>{fill(s.closes, &[&lang.date_time(&c.date, &c.time)])}</p> })}
        {url_ok("advance_shortlist").get_untracked().then(|| view! { <p role="status">{s.advanced_done}</p> })}
        {url_ok("take_back_shortlist").get_untracked().then(|| view! { <p role="status">{s.taken_back_done}</p> })}
        {v.advanced.clone().map(|a| view! { <AdvancementNote a lang/> })}
        <TakeBack may=v.take_back r lang/>
        {member_view.then(|| view! { <AnswersForm mine=v.mine.clone() kind=v.kind open=v.open r lang/> })}
        {v.tally.clone().map(|lines| view! { <Tally lines kind=v.kind r lang/> })}
        {v.may_advance.then(|| view! { <AdvanceChoice lines=lines.clone() returned r lang/> })}
        {listed.map(|k| view! { <KeptAdvancementCopy k lines r lang/> })}
    }
}

/// The juror's answers on their entries: a group of radio buttons per entry, saved together.
#[component]
fn AnswersForm(
    mine: Vec<ShortlistChoice>,
    kind: ShortlistKind,
    open: bool,
    r: RoundRef,
    lang: Lang,
) -> impl IntoView {
    let s = lang.shortlist();
    let save = ServerAction::<SaveShortlistAnswers>::new();
    let errors = form_error(save);
    let saved = form_done(save);
    let answerable: Vec<&ShortlistChoice> = mine.iter().filter(|c| !c.recused).collect();
    let answered = answerable.iter().filter(|c| c.answer.is_some()).count();
    let of = answerable.len();
    let choices: Vec<(String, &'static str)> = match kind {
        ShortlistKind::Rating => kind.values().map(|v| (v.to_string(), "")).collect(),
        ShortlistKind::Vote => vec![("1".into(), s.yes), ("0".into(), s.no)],
    };
    let text_lang = entry_lang(r);
    view! {
        <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">{s.yours}</h2>
            {(!open).then(|| view! { <p class="notice">{s.not_open}</p> })}
            {mine.is_empty().then(|| view! { <p>{s.none_yours}</p> })}
            <p>{fill(s.answered, &[&answered.to_string(), &of.to_string()])}</p>
            {(kind == ShortlistKind::Rating).then(|| view! { <p class="hint">{s.rating_low}" · "{s.rating_high}</p> })}
            <ActionForm action=save>
                <p role="status">{move || saved.get().then_some(s.saved)}</p>
                <FormError error=errors lang/>
                <input type="hidden" name="year" value=r.year.to_string()/>
                <RoundFields r/>
                {mine.iter().map(|c| {
                    let read = lang.href(&r.jury_path(&format!("/entries/{}", c.entry_id)));
                    let key = format!("answers.{}", c.entry_id);
                    let error_id = format!("answers-{}-error", c.entry_id);
                    let message = problem_text(errors, Signal::stored(key), lang);
                    if c.recused {
                        return view! {
                            <div class="shortlist-entry">
                                <p><strong lang=text_lang>{c.title.clone()}</strong>" ("{c.reference.clone()}")"</p>
                                <p>{s.recused}</p>
                            </div>
                        }.into_any();
                    }
                    let described = {
                        let error_id = error_id.clone();
                        move || message.get().map(|_| error_id.clone())
                    };
                    let name = format!("answers[{}]", c.entry_id);
                    let none_id = format!("answer-{}-none", c.entry_id);
                    view! {
                        <fieldset class="shortlist-entry" aria-describedby=described disabled=!open>
                            <legend><span lang=text_lang>{c.title.clone()}</span>" ("{c.reference.clone()}")"</legend>
                            {(!c.organisation.is_empty()).then(|| view! { <p class="meta">{c.organisation.clone()}</p> })}
                            <p><a href=read>{s.read_entry}<span class="visually-hidden">": "{c.title.clone()}</span></a></p>
                            <div class="answer-choices">
                                {choices.iter().map(|(value, label)| {
                                    let id = format!("answer-{}-{value}", c.entry_id);
                                    let checked = c.answer.map(|a| a.to_string()).as_deref() == Some(value.as_str());
                                    let label = if label.is_empty() { value.clone() } else { label.to_string() };
                                    view! {
                                        <div class="check"><input type="radio" id=id.clone() name=name.clone() value=value.clone() checked=checked/><label for=id>{label}</label></div>
                                    }
                                }).collect_view()}
                                <div class="check"><input type="radio" id=none_id.clone() name=name.clone() value="" checked=c.answer.is_none()/><label for=none_id>{s.no_answer}</label></div>
                            </div>
                            <FieldError id=error_id message/>
                        </fieldset>
                    }.into_any()
                }).collect_view()}
                {(open && of > 0).then(|| view! { <button type="submit" class="button">{s.save}</button> })}
            </ActionForm>
        </section>
    }
}

/// Every entry's answers, best first, for the chair and the organiser.
#[component]
fn Tally(lines: Vec<TallyLine>, kind: ShortlistKind, r: RoundRef, lang: Lang) -> impl IntoView {
    let s = lang.shortlist();
    let text_lang = entry_lang(r);
    let score = move |l: &TallyLine| match (l.hidden, l.mean) {
        (true, _) => s.hidden.to_string(),
        (false, None) => "–".to_string(),
        (false, Some(m)) => match kind {
            ShortlistKind::Rating => lang.decimal(m, 2),
            ShortlistKind::Vote => l.yes.to_string(),
        },
    };
    let score_heading = match kind {
        ShortlistKind::Rating => s.col_mean,
        ShortlistKind::Vote => s.col_yes,
    };
    view! {
        <section aria-labelledby="tally-heading">
            <h2 id="tally-heading">{s.tally}</h2>
            <ScrollFrame label=s.tally.to_string()>
                <table class="shortlist-tally">
                    <thead><tr>
                        <th scope="col">{s.col_rank}</th>
                        <th scope="col">{s.col_entry}</th>
                        <th scope="col">{score_heading}</th>
                        <th scope="col">{s.col_answers}</th>
                    </tr></thead>
                    <tbody>
                        {lines.iter().map(|l| view! {
                            <tr>
                                <td>{l.rank}{l.tied.then(|| view! { " "<span class="badge">{s.tied}</span> })}</td>
                                <th scope="row"><span lang=text_lang>{l.title.clone()}</span>" ("{l.reference.clone()}")"
                                    {(!l.organisation.is_empty()).then(|| view! { <br/><small>{l.organisation.clone()}</small> })}
                                    {l.advanced.then(|| view! { " "<span class="badge">{s.advanced_mark}</span> })}</th>
                                <td>{score(l)}</td>
                                <td>{format!("{}/{}", l.answers, l.jurors)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </ScrollFrame>
        </section>
    }
}

/// The chair's advancement: the top N, or the ticked entries, with the reason. One of the
/// reader's refused for what it said (`returned`) fills it, as it was sent.
#[component]
fn AdvanceChoice(
    lines: Vec<TallyLine>,
    returned: Option<KeptForm<AdvanceForm>>,
    r: RoundRef,
    lang: Lang,
) -> impl IntoView {
    let s = lang.shortlist();
    let advance = ServerAction::<AdvanceShortlist>::new();
    let errors = form_error(advance);
    let text_lang = entry_lang(r);
    let notice = returned.as_ref().map(|k| {
        let sent = lang.date_time(&k.at.date, &k.at.time);
        view! { <p class="notice">{fill(s.kept_in_form, &[&sent])}</p> }
    });
    let sent = returned.map(|k| k.form).unwrap_or_default();
    let chosen = sent.how == "chosen";
    view! {
        <section aria-labelledby="advance-heading">
            <h2 id="advance-heading">{s.advance}</h2>
            <p id="advance-explain">{s.advance_explain}</p>
            {notice}
            <ActionForm action=advance>
                <FormError error=errors lang/>
                <input type="hidden" name="year" value=r.year.to_string()/>
                <RoundFields r/>
                <fieldset>
                    <legend>{s.how}</legend>
                    <div class="check"><input type="radio" id="advance-top" name="how" value="top" checked=!chosen/><label for="advance-top">{s.how_top}</label></div>
                    <LineField name="top".to_string() key="top".to_string() label=s.field_top.into() value=sent.top.clone() lang error=errors kind="number"/>
                    <div class="check"><input type="radio" id="advance-chosen" name="how" value="chosen" checked=chosen/><label for="advance-chosen">{s.how_chosen}</label></div>
                </fieldset>
                <fieldset>
                    <legend>{s.chosen}</legend>
                    <GroupError key="chosen" lang error=errors/>
                    {lines.iter().enumerate().map(|(i, l)| {
                        let id = format!("advance-{}", l.entry_id);
                        let ticked = sent.chosen.contains(&l.entry_id);
                        view! {
                            <div class="check"><input type="checkbox" id=id.clone() name=format!("chosen[{i}]") value=l.entry_id.to_string() checked=ticked/><label for=id lang=text_lang>{l.title.clone()}</label></div>
                        }
                    }).collect_view()}
                </fieldset>
                <SectionField name="reason".to_string() key="reason".to_string() label=s.reason hint=s.reason_hint value=sent.reason.clone() limit=None lang error=errors rows=3 required=true/>
                <button type="submit" class="button" aria-describedby="advance-explain">{s.advance_button}</button>
            </ActionForm>
        </section>
    }
}

/// An advancement of the reader's that a save refused and that the form does not show: as it
/// was sent, why it was not recorded, and a plain form to discard it.
#[component]
fn KeptAdvancementCopy(
    k: KeptForm<AdvanceForm>,
    lines: Vec<TallyLine>,
    r: RoundRef,
    lang: Lang,
) -> impl IntoView {
    let s = lang.shortlist();
    let discard = ServerAction::<DiscardUnsavedAdvancement>::new();
    let sent = k.form;
    // Titles of the entries ticked; an id that is no entry of the round (the post is
    // untrusted) is left out.
    let titles: Vec<String> = lines
        .iter()
        .filter(|l| sent.chosen.contains(&l.entry_id))
        .map(|l| l.title.clone())
        .collect();
    // What was left empty shows as a dash.
    let or_dash = |text: String| {
        if text.trim().is_empty() {
            "–".to_string()
        } else {
            text
        }
    };
    let how = if sent.how == "chosen" {
        let titles = or_dash(titles.join(", "));
        view! { {s.how_chosen}": "<span lang=entry_lang(r)>{titles}</span> }.into_any()
    } else {
        let top = or_dash(sent.top.trim().to_string());
        view! { {s.how_top}": "{top} }.into_any()
    };
    let reason = or_dash(sent.reason.clone());
    view! {
        <section aria-labelledby="kept-advance-heading">
            <h2 id="kept-advance-heading">{s.kept_title}</h2>
            <p>{fill(s.kept_intro, &[&lang.date_time(&k.at.date, &k.at.time), &UNSAVED_DAYS.to_string()])}</p>
            <p class="notice">{s.kept_reasons[k.reason.index()]}</p>
            <dl class="kept-sheet">
                <dt>{s.how}</dt><dd>{how}</dd>
                <dt>{s.reason}</dt><dd><p class="note-body">{reason}</p></dd>
            </dl>
            <DiscardForm action=discard label=lang.j().unsaved_discard lang>
                <input type="hidden" name="year" value=r.year.to_string()/>
                <RoundFields r/>
            </DiscardForm>
        </section>
    }
}

/// The advancement as recorded: when, by whom, how, why, and which entries.
#[component]
fn AdvancementNote(a: Advancement, lang: Lang) -> impl IntoView {
    let s = lang.shortlist();
    let by = if a.by.is_empty() {
        "–".to_string()
    } else {
        a.by.clone()
    };
    view! {
        <section aria-labelledby="advanced-heading">
            <h2 id="advanced-heading">{s.advanced_heading}</h2>
            <p>{fill(s.advanced_when, &[&lang.date_time(&a.at.date, &a.at.time), &by])}" "
                {match a.top {
                    Some(n) => fill(s.advanced_top, &[&n.to_string()]),
                    None => s.advanced_chosen.to_string(),
                }}</p>
            <p>{s.reason}": "{a.reason.clone()}</p>
            <ul>{a.titles.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
        </section>
    }
}

/// Taking the advancement back, with the reason, for the chair and the organiser
/// (`may: Some(_)`): a plain form while it may be, else why not. A refusal that the form does
/// not show (taken back or scored meanwhile) is said on its own.
#[component]
fn TakeBack(may: Option<bool>, r: RoundRef, lang: Lang) -> impl IntoView {
    let s = lang.shortlist();
    let take_back = ServerAction::<TakeBackShortlist>::new();
    let errors = form_error(take_back);
    if may != Some(true) {
        let refused = errors
            .get_untracked()
            .is_some()
            .then(|| view! { <FormError error=errors lang/> });
        let closed = (may == Some(false))
            .then(|| view! { <p class="notice" id="take-back-closed">{s.take_back_closed}</p> });
        return view! { {refused}{closed} }.into_any();
    }
    view! {
        <section aria-labelledby="take-back-heading">
            <h2 id="take-back-heading">{s.take_back}</h2>
            <p id="take-back-explain">{s.take_back_explain}</p>
            <ActionForm action=take_back>
                <FormError error=errors lang/>
                <input type="hidden" name="year" value=r.year.to_string()/>
                <RoundFields r/>
                <SectionField name="reason".to_string() key="reason".to_string() label=s.reason hint=s.take_back_reason_hint value=String::new() limit=None lang error=errors rows=3 required=true/>
                <button type="submit" class="button secondary" aria-describedby="take-back-explain">{s.take_back_button}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// Where the round stands with its shortlist, on the juror's list of entries.
#[component]
pub(super) fn ShortlistNotice(s: ShortlistStatus, r: RoundRef, lang: Lang) -> impl IntoView {
    let t = lang.shortlist();
    let text = if s.advanced {
        t.home_advanced.to_string()
    } else if s.open {
        let closes = s
            .closes
            .as_ref()
            .map(|c| lang.date_time(&c.date, &c.time))
            .unwrap_or_default();
        fill(
            t.home_open,
            &[&s.answered.to_string(), &s.of.to_string(), &closes],
        )
    } else {
        t.home_waiting.to_string()
    };
    view! {
        <p class="notice">{text}" "<a href=lang.href(&r.jury_path("/shortlist"))>{t.link}</a></p>
    }
}
