//! The jury's discussion of one entry: the thread, and a plain form to add a note.
use super::*;
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
            {v.may_post.then(|| view! {
                <section aria-labelledby="note-heading">
                    <h2 id="note-heading">{j.discussion_add}</h2>
                    {url_ok("add_jury_note").get_untracked().then(|| view! { <p role="status">{j.discussion_added}</p> })}
                    <ActionForm action=post>
                        <FormError error=errors lang/>
                        <input type="hidden" name="entry_id" value=v.entry_id.to_string()/>
                        <SectionField name="body".to_string() key="body".to_string() label=j.discussion_note hint=j.discussion_hint value=String::new() limit=None lang error=errors rows=4 required=true/>
                        <button type="submit" class="button">{j.discussion_post}</button>
                    </ActionForm>
                </section>
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
