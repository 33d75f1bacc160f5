//! The organiser's jury page: members, invitations, the chair, assignments and conflicts.
use super::*;
use crate::api::jury::DiscardUnsavedRecordedConflict;
use crate::components::form::{DiscardForm, KeptTextCopy};
use crate::model::UNSAVED_DAYS;

#[component]
pub fn JuryAdminPage() -> impl IntoView {
    let lang = current_lang();
    let j = lang.j();
    let round = round_param();
    let r = round();
    let invite = ServerAction::<InviteJuror>::new();
    let resend = ServerAction::<ResendJurorInvitation>::new();
    let revoke = ServerAction::<RevokeJurorInvitation>::new();
    let chair = ServerAction::<AppointChair>::new();
    let conflict = ServerAction::<AddConflict>::new();
    let manual = ServerAction::<SetJuryAssignment>::new();
    let remind = ServerAction::<RemindJuror>::new();
    let acts = JuryActions {
        remind,
        invite,
        resend,
        revoke,
        chair,
        conflict,
        manual,
    };
    let back = match (r.europe, r.country) {
        (true, _) => (lang.href(&r.admin_path("")), lang.eu().link),
        (false, Some(_)) => (lang.href(&r.admin_path("")), lang.rounds().page),
        (false, None) => (
            lang.href("/admin/competitions"),
            lang.e().admin_competitions,
        ),
    };
    view! {
        <WidePage title=jury_title(r, lang) description=j.members back>
            {load(
                move || (round(), invite.version().get(), resend.version().get(), revoke.version().get(), chair.version().get(), conflict.version().get(),
                    manual.version().get(), remind.version().get()),
                |(r, ..)| get_jury_admin(r.year, r.europe_arg(), r.country_arg()),
                move |v: JuryAdminView| view! { <JuryAdmin v r lang acts/> },
            )}
        </WidePage>
    }
}

#[derive(Clone, Copy)]
struct JuryActions {
    remind: ServerAction<RemindJuror>,
    invite: ServerAction<InviteJuror>,
    resend: ServerAction<ResendJurorInvitation>,
    revoke: ServerAction<RevokeJurorInvitation>,
    chair: ServerAction<AppointChair>,
    conflict: ServerAction<AddConflict>,
    manual: ServerAction<SetJuryAssignment>,
}

/// The balanced assignment. An island: the report of what it did (and which entries could not
/// get enough jurors, and why) comes back from the server function and is shown in place. A
/// plain form post assigns too, and the page then shows the new assignment.
#[island]
fn BalancedAssignment(
    /// The round whose jury is assigned.
    round: RoundRef,
    entry_count: usize,
    lang: Lang,
    /// The error a plain form post came back with.
    returned_error: Option<crate::error::AppError>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::assets::preload_island_code();
    let j = lang.j();
    let assign = ServerAction::<AssignJury>::new();
    let assign_error = Signal::derive(move || {
        action_error(assign.value())
            .get()
            .or_else(|| returned_error.clone())
    });
    view! {
        <ActionForm action=assign>
            <FormError error=assign_error lang/>
            <input type="hidden" name="year" value=round.year.to_string()/>
            <RoundFields r=round/>
            <LineField name="per_entry".to_string() key="per_entry".to_string() label=j.per_entry.into() value="0".into() lang error=assign_error kind="number" hint=j.per_entry_hint required=true/>
            <LineField name="cap".to_string() key="cap".to_string() label=j.cap.into() value=entry_count.to_string() lang error=assign_error kind="number" required=true/>
            <button type="submit" class="button secondary">{j.assign}</button>
        </ActionForm>
        <div role="status">
            {move || assign.value().get().and_then(|r| r.ok()).map(|r| view! {
                <p>{fill(j.assigned_pairs, &[&r.pairs.to_string()])}" "<a href=lang.href(&round.jury_admin_path())>{j.reload_to_see}</a></p>
                <ul>{r.shortfalls.into_iter().map(|s| view! {
                    <li>{fill(j.shortfall, &[&s.title, &s.assigned.to_string(), &s.wanted.to_string(), &s.conflicted.join(", "), &s.at_cap.join(", ")])}</li>
                }).collect_view()}</ul>
            })}
        </div>
    }
}

#[component]
fn JuryAdmin(v: JuryAdminView, r: RoundRef, lang: Lang, acts: JuryActions) -> impl IntoView {
    let j = lang.j();
    let invite_error = either_error(form_error(acts.invite), url_error("invite_juror"));
    let assign_error = url_error("assign_jury");
    let conflict_error = either_error(form_error(acts.conflict), url_error("add_conflict"));
    let manual_error = either_error(form_error(acts.manual), url_error("set_jury_assignment"));
    let remind_error = either_error(form_error(acts.remind), url_error("remind_juror"));
    let reminded = form_done(acts.remind);
    let year = v.year;
    let members: Vec<(i32, String)> = v
        .members
        .iter()
        .map(|m| (m.user_id, m.name.clone()))
        .collect();
    let entries = v.entries.clone();
    let entry_count = v.entries.len();
    let (manual_entries, manual_members) = (entries.clone(), members.clone());
    // The organiser's record of a conflict that was refused is back in the form, with when and
    // why, until a record is made or the copy discarded; once the jury has decided the form is
    // gone, and the record is listed. Either way one button discards it.
    let discard = ServerAction::<DiscardUnsavedRecordedConflict>::new();
    let kept = v.kept_conflict.clone();
    let has_copy = kept.is_some();
    let listed = kept.clone().filter(|k| !k.in_form).map(|k| {
        let named = |among: &[(i32, String)], id: i32| {
            among
                .iter()
                .find(|(i, _)| *i == id)
                .map_or("–".to_string(), |(_, n)| n.clone())
        };
        let (entry, juror) = (
            named(&entries, k.form.entry_id),
            named(&members, k.form.juror_id),
        );
        let text = crate::model::KeptText {
            at: k.at,
            reason: k.reason,
            in_form: false,
            form: k.form.reason,
        };
        view! {
            <KeptTextCopy k=text words=j.recorded_kept_listed nested=true lang>
                <p>{j.entry_id}": "{entry}" · "{j.juror}": "{juror}</p>
            </KeptTextCopy>
        }
    });
    let kept = kept.filter(|k| k.in_form);
    let kept_notice = kept.as_ref().map(|k| {
        let sent = lang.date_time(&k.at.date, &k.at.time);
        view! {
            <p class="notice">
                {fill(j.recorded_kept, &[&sent, &UNSAVED_DAYS.to_string()])}" "
                {j.recorded_kept_reasons[k.reason.index()]}
            </p>
        }
    });
    let sent = kept.as_ref().map(|k| k.form.clone());
    let (sent_entry, sent_juror) = (
        sent.as_ref().map(|s| s.entry_id),
        sent.as_ref().map(|s| s.juror_id),
    );
    let sent_reason = sent.map(|s| s.reason).unwrap_or_default();
    view! {
        <p>
            <a href=lang.href(&r.jury_path("/progress"))>{j.to_progress}</a>" · "
            <a href=lang.href(&r.jury_path("/ranking"))>{j.to_ranking}</a>
            {v.shortlist.then(|| view! {
                " · "<a href=lang.href(&r.jury_path("/shortlist"))>{lang.shortlist().link}</a>
            })}
        </p>
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{j.members}</h2>
            <FormError error=remind_error lang/>
            <p role="status">{move || reminded.get().then_some(j.reminded)}</p>
            <ul>
                {v.members.clone().into_iter().map(|m| {
                    let (id, name) = (m.user_id, m.name.clone());
                    let country = m.country.as_deref().map(|c| crate::model::country_name(c, lang).to_string());
                    view! {
                        <li>{name.clone()}" ("{m.email.clone()}")"
                            {country.map(|c| view! { " – "{c} })}
                            {m.remaining.filter(|n| *n > 0).map(|n| {
                                let label = format!("{} {}", j.remind_now, name);
                                view! {
                                    " – "{fill(j.sheets_left, &[&n.to_string()])}
                                    <ActionForm action=acts.remind attr:class="inline-form">
                                        <input type="hidden" name="year" value=year.to_string()/>
                                        <RoundFields r/>
                                        <input type="hidden" name="user_id" value=id.to_string()/>
                                        " "<button type="submit" class="link-button" aria-label=label>{j.remind_now}</button>
                                    </ActionForm>
                                }
                            })}
                            {if m.chair {
                                view! { " – "<strong>{j.chair}</strong> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=acts.chair attr:class="inline-form">
                                        <input type="hidden" name="year" value=year.to_string()/>
                                        <RoundFields r/>
                                        <input type="hidden" name="user_id" value=id.to_string()/>
                                        " "<button type="submit" class="link-button" aria-label=format!("{} {}", j.make_chair, name)>{j.make_chair}</button>
                                    </ActionForm>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{j.invite}</h2>
            <ActionForm action=acts.invite>
                <FormError error=invite_error lang/>
                <input type="hidden" name="year" value=year.to_string()/>
                <LineField name="email".to_string() key="email".to_string() label=j.invite_email.into() value=String::new() lang error=invite_error kind="email" required=true/>
                <RoundFields r/>
                {r.europe.then(|| view! {
                    <SelectField name="country" label=lang.eu().juror_country lang error=invite_error options=country_options(&v.countries, lang)/>
                })}
                <button type="submit" class="button">{j.invite}</button>
            </ActionForm>
            <h3>{j.invitations}</h3>
            <ul>
                {v.invitations.clone().into_iter().map(|i| {
                    let open = matches!(i.status, crate::model::JuryInvitationStatus::Pending | crate::model::JuryInvitationStatus::Expired);
                    let label = j.invitation_statuses[i.status as usize];
                    let (resend_label, revoke_label) = (format!("{} {}", j.resend, i.email), format!("{} {}", j.revoke, i.email));
                    view! {
                        <li>{i.email.clone()}" – "{label}" – "{date_time(&i.sent, lang)}
                            {open.then(|| view! {
                                <ActionForm action=acts.resend attr:class="inline-form">
                                    <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                    " "<button type="submit" class="link-button" aria-label=resend_label>{j.resend}</button>
                                </ActionForm>
                                <ActionForm action=acts.revoke attr:class="inline-form">
                                    <input type="hidden" name="invitation_id" value=i.id.to_string()/>
                                    " "<button type="submit" class="link-button" aria-label=revoke_label>{j.revoke}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="assignment-heading">
            <h2 id="assignment-heading">{j.assignment}</h2>
            <p>{if v.assigned_explicitly { j.assignment_explicit } else { j.assignment_all }}</p>
            <BalancedAssignment round=r entry_count lang returned_error=assign_error.get_untracked()/>
        </section>
        <section aria-labelledby="manual-heading">
            <h2 id="manual-heading">{j.manual}</h2>
            <ActionForm action=acts.manual>
                <FormError error=manual_error lang/>
                <NumberChoice id="manual-entry" name="entry_id" label=j.entry_id options=manual_entries/>
                <NumberChoice id="manual-juror" name="juror_id" label=j.juror options=manual_members/>
                <button type="submit" class="button secondary" name="assigned" value="true">{j.assign_one}</button>
                " "
                <button type="submit" class="button secondary" name="assigned" value="false">{j.unassign_one}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="conflict-admin-heading">
            <h2 id="conflict-admin-heading">{j.add_conflict}</h2>
            // Once the jury has decided, a record sent from a page opened before is refused here.
            {(!v.may_record).then(|| view! {
                <FormError error=conflict_error lang/>
                <p>{j.record_closed}</p>
            })}
            {listed}
            {kept_notice}
            {v.may_record.then(|| view! {
                <ActionForm action=acts.conflict>
                    <FormError error=conflict_error lang/>
                    <NumberChoice id="conflict-entry" name="entry_id" label=j.entry_id options=entries selected=sent_entry missing=j.recorded_kept_gone/>
                    <NumberChoice id="conflict-juror" name="juror_id" label=j.juror options=members selected=sent_juror missing=j.recorded_kept_gone/>
                    <SectionField name="reason".to_string() key="reason".to_string() label=j.conflict_reason value=sent_reason lang error=conflict_error limit=None rows=2 required=true/>
                    <button type="submit" class="button secondary">{j.add_conflict}</button>
                </ActionForm>
            })}
            {has_copy.then(|| view! {
                <DiscardForm action=discard label=j.unsaved_discard lang>
                    <input type="hidden" name="year" value=r.year.to_string()/>
                    <RoundFields r/>
                </DiscardForm>
            })}
        </section>
    }
}

/// The member states taking part, as choices of the country a juror comes from.
fn country_options(countries: &[String], lang: Lang) -> Vec<(&'static str, &'static str)> {
    crate::model::COUNTRIES
        .iter()
        .filter(|c| countries.iter().any(|taking| taking == c.0))
        .map(|c| (c.0, crate::model::country_name(c.0, lang)))
        .collect()
}
