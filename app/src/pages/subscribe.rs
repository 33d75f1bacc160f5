//! The news subscription (double opt-in, one-click unsubscribe) and the accessibility statement.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::publication::{ConfirmSubscription, Subscribe, Unsubscribe};
use crate::components::form::{PrivacyNote, form_done, form_error};
use crate::components::{
    current_lang,
    form::{FormError, TextField, either_error, url_error},
    page_meta::NarrowPage,
    status::MailSentPage,
};
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::server_fn::{Http, ServerFn, client::Client, codec::PostUrl, request::ClientReq};
use serde::de::DeserializeOwned;

#[component]
pub fn SubscribePage() -> impl IntoView {
    let lang = current_lang();
    let p = lang.p();
    let action = ServerAction::<Subscribe>::new();
    let error = either_error(form_error(action), url_error("subscribe"));
    view! {
        <NarrowPage title=p.subscribe_title intro=p.subscribe_intro>
            <ActionForm action>
                <FormError error lang/>
                <input type="hidden" name="lang" value=lang.code()/>
                <TextField name="email" label=p.email lang error kind="email" autocomplete="email" required=true/>
                <button type="submit" class="button">{p.subscribe_button}</button>
            </ActionForm>
            <PrivacyNote lang/>
            <p><a href=lang.href("/feed.atom") rel="external">{p.feed}</a></p>
        </NarrowPage>
    }
}

#[component]
pub fn SubscribeSentPage() -> impl IntoView {
    let p = current_lang().p();
    view! { <MailSentPage title=p.subscribe_sent_title text=p.subscribe_sent/> }
}

fn token() -> String {
    use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}

/// Confirming posts the link's token with one button, so a mail scanner that opens links
/// confirms nothing.
#[component]
pub fn ConfirmSubscriptionPage() -> impl IntoView {
    let p = current_lang().p();
    let action = ServerAction::<ConfirmSubscription>::new();
    let words = TokenWords {
        title: p.confirm_title,
        intro: p.confirm_intro,
        done: p.confirmed,
        button: p.confirm_button,
    };
    token_page(action, "confirm_subscription", words)
}

/// One click ends the subscription (a post, for the same reason as confirming).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let p = current_lang().p();
    let action = ServerAction::<Unsubscribe>::new();
    let words = TokenWords {
        title: p.unsubscribe_title,
        intro: p.unsubscribe_intro,
        done: p.unsubscribed,
        button: p.unsubscribe_button,
    };
    token_page(action, "unsubscribe", words)
}

/// What a page that posts a mailed link's token says.
struct TokenWords {
    title: &'static str,
    intro: &'static str,
    done: &'static str,
    button: &'static str,
}

/// A page that posts the token of the link it was opened with, by one button, to `action`
/// (whose server function is `endpoint`): what it did once done, or why not.
fn token_page<A, O>(action: ServerAction<A>, endpoint: &'static str, w: TokenWords) -> impl IntoView
where
    A: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, O>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    <<A::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData:
        From<leptos::web_sys::FormData>,
    A::Output: Clone + Send + Sync + 'static,
    A::Client: Client<AppError>,
{
    let lang = current_lang();
    let p = lang.p();
    let error = either_error(form_error(action), url_error(endpoint));
    let done = form_done(action);
    let token = token();
    view! {
        <NarrowPage title=w.title description=w.intro>
            <div role="status">{move || done.get().then(|| view! { <p>{w.done}</p> })}</div>
            {if token.is_empty() {
                view! { <p>{p.missing_token}</p> }.into_any()
            } else {
                view! {
                    <p>{w.intro}</p>
                    <ActionForm action>
                        <FormError error lang/>
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" class="button">{w.button}</button>
                    </ActionForm>
                }.into_any()
            }}
        </NarrowPage>
    }
}

/// The accessibility statement (tillgänglighetsredogörelse) that Swedish public-sector sites
/// must publish under the law on accessibility of digital public services (2018:1937).
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    let p = lang.p();
    let body = match lang {
        Lang::Sv => view! {
            <p>"Brå står bakom den här webbplatsen för den svenska deltävlingen i European Crime Prevention Award. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända brister som finns och hur du kan rapportera problem."</p>
            <h2>"Hur tillgänglig är webbplatsen?"</h2>
            <p>"Webbplatsen är utformad för att uppfylla WCAG 2.2 på nivå AA. Allt går att använda med tangentbord, fokus syns tydligt, formulärfält har etiketter och felmeddelanden är kopplade till sina fält. Sidorna fungerar utan JavaScript; med JavaScript sparas utkast automatiskt."</p>
            <h2>"Kända brister"</h2>
            <ul>
                <li>"Bilagor som sökande laddar upp (PDF och bilder) granskas inte för tillgänglighet. Be Brå om en tillgänglig version om du behöver en."</li>
                <li>"Diagrammen i juryns verktyg har textalternativ i form av tabeller men är inte fullt anpassade för skärmläsare."</li>
            </ul>
            <h2>"Om du behöver innehållet i ett annat format"</h2>
            <p>"Kontakta Brå via kontaktuppgifterna på bra.se, så försöker vi hjälpa dig."</p>
            <h2>"Rapportera brister"</h2>
            <p>"Hittar du något som inte fungerar? Kontakta Brå via kontaktuppgifterna på bra.se och beskriv problemet och sidan. Är du inte nöjd med vårt svar kan du kontakta Myndigheten för digital förvaltning (Digg), som utövar tillsyn över lagen."</p>
            <h2>"Hur vi har testat webbplatsen"</h2>
            <p>"Varje sida i de automatiska testerna granskas med axe mot WCAG 2.0, 2.1 och 2.2 på nivå A och AA, och de viktigaste flödena testas med enbart tangentbord i en riktig webbläsare. Redogörelsen uppdaterades senast 25 november 2026."</p>
        }.into_any(),
        Lang::En => view! {
            <p>"Brå is responsible for this website for the Swedish round of the European Crime Prevention Award. We want as many people as possible to be able to use it. This statement describes how the site meets the Swedish act (2018:1937) on the accessibility of digital public services, the known shortcomings, and how to report problems."</p>
            <h2>"How accessible is the site?"</h2>
            <p>"The site is designed to meet WCAG 2.2 at level AA. Everything can be used by keyboard, focus is clearly visible, form fields have labels and error messages are tied to their fields. The pages work without JavaScript; with JavaScript, drafts are saved automatically."</p>
            <h2>"Known shortcomings"</h2>
            <ul>
                <li>"Attachments uploaded by applicants (PDF and images) are not checked for accessibility. Ask Brå for an accessible version if you need one."</li>
                <li>"The charts in the jury’s tools have text alternatives as tables but are not fully adapted to screen readers."</li>
            </ul>
            <h2>"If you need the content in another format"</h2>
            <p>"Contact Brå through the contact details on bra.se, and we will try to help."</p>
            <h2>"Report a problem"</h2>
            <p>"Found something that does not work? Contact Brå through the contact details on bra.se, describing the problem and the page. If you are not satisfied with our answer, you can contact the Agency for Digital Government (Digg), which supervises the act."</p>
            <h2>"How we tested the site"</h2>
            <p>"Every page in the automated tests is checked with axe against WCAG 2.0, 2.1 and 2.2 at levels A and AA, and the main journeys are tested by keyboard only in a real browser. This statement was last updated on 25 November 2026."</p>
        }.into_any(),
    };
    view! {
        <NarrowPage title=p.a11y_title>
            {body}
        </NarrowPage>
    }
}
