//! The jury's discussion of one entry: the thread, and a plain form to add a note. A note of the
//! reader's that a save refused comes back in the form, or is listed with a form to discard it.
use super::*;
use crate::api::jury::DiscardUnsavedNote;
use crate::components::form::{DiscardForm, KeptTextCopy};
use crate::model::{DiscussionView, JuryNote};

#[component]
pub fn JuryDiscussionPage() -> impl IntoView {
    let lang = current_lang();
    let id = param("id");
    load_page(
        id,
        get_jury_discussion,
        move |v: DiscussionView| view! { <Discussion v lang/> },
    )
}

#[component]
fn Discussion(v: DiscussionView, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let post = ServerAction::<AddJuryNote>::new();
    let errors = form_error(post);
    let discard = ServerAction::<DiscardUnsavedNote>::new();
    let entry_id = v.entry_id;
    // A note of the reader's refused as too long comes back in the form; any other is listed.
    let (returned, listed) = match v.kept {
        Some(k) if k.in_form => (Some(k), None),
        kept => (None, kept),
    };
    view! {
        <PageMeta title=format!("{} – {}", j.discussion_title, v.title) description=j.discussion_intro/>
        <div class="wrap narrow">
            <p class="eyebrow"><a href=lang.href(&v.back)>{jury_title(v.round, lang)}</a></p>
            <h1>{j.discussion_title}": "<span lang=entry_lang(v.round)>{v.title.clone()}</span></h1>
            <p class="meta">{v.reference.clone()}</p>
            <p>{j.discussion_intro}</p>
            {match v.notes {
                Err(hidden) => view! { <p class="others-hidden">{hidden_note(hidden, lang)}</p> }.into_any(),
                Ok(notes) if notes.is_empty() => view! { <p>{j.discussion_empty}</p> }.into_any(),
                Ok(notes) => view! { <NoteList notes lang/> }.into_any(),
            }}
            {if v.may_post {
                view! {
                    <section aria-labelledby="note-heading">
                        <h2 id="note-heading">{j.discussion_add}</h2>
                        {url_ok("add_jury_note").get_untracked().then(|| view! { <p role="status">{j.discussion_added}</p> })}
                        {returned.as_ref().map(|k| view! { <p class="notice">{fill(j.discussion_kept_in_form, &[&lang.date_time(&k.at.date, &k.at.time)])}</p> })}
                        <ActionForm action=post>
                            <FormError error=errors lang/>
                            <input type="hidden" name="entry_id" value=v.entry_id.to_string()/>
                            <SectionField name="body".to_string() key="body".to_string() label=j.discussion_note hint=j.discussion_hint value=returned.map(|k| k.form).unwrap_or_default() limit=None lang error=errors rows=4 required=true/>
                            <button type="submit" class="button">{j.discussion_post}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            } else {
                // A note sent from a page opened while notes were open is refused once they
                // have closed; the form is gone, so its error is announced here.
                view! { <FormError error=errors lang/> }.into_any()
            }}
            {listed.map(|k| view! {
                <KeptTextCopy k words=j.discussion_kept nested=false lang>
                    <DiscardForm action=discard label=j.unsaved_discard lang>
                        <input type="hidden" name="entry_id" value=entry_id.to_string()/>
                    </DiscardForm>
                </KeptTextCopy>
            })}
            <p><a href=lang.href(&v.back)>{j.discussion_back}</a></p>
        </div>
    }
}

/// The notes, oldest first, each with its author and time.
#[component]
fn NoteList(notes: Vec<JuryNote>, lang: Lang) -> impl IntoView {
    let j = lang.j();
    view! {
        <ol class="notes">
            {notes.into_iter().map(|n| view! {
                <li>
                    <p class="meta">
                        <strong>{if n.author.is_empty() { j.discussion_gone.to_string() } else { n.author.clone() }}</strong>
                        {n.own.then(|| view! { " "<span class="badge">{j.discussion_you}</span> })}
                        " · "{date_time(&n.at, lang)}
                    </p>
                    <p class="note-body">{n.body}</p>
                </li>
            }).collect_view()}
        </ol>
    }
}
