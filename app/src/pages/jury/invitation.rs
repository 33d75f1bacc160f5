//! Answering an invitation to the jury.
use super::*;

#[component]
pub fn JuryInvitationPage() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let j = lang.j();
    view! {
        <NarrowPage title=j.invitation_title>
            {load(token, get_jury_invitation, move |i: JuryInvitationInfo| view! { <AnswerInvitation i token=token() lang/> })}
            <crate::components::form::PrivacyNote lang/>
        </NarrowPage>
    }
}

#[component]
fn AnswerInvitation(i: JuryInvitationInfo, token: String, lang: Lang) -> impl IntoView {
    let j = lang.j();
    let answer = ServerAction::<AnswerJuryInvitation>::new();
    let errors = either_error(form_error(answer), url_error("answer_jury_invitation"));
    let declined = form_done(answer);
    view! {
        <p>{fill(j.invitation_text, &[&i.year.to_string()])}" "{local(&i.theme, lang)}</p>
        <p>{i.email.clone()}</p>
        {i.has_account.then(|| view! { <p class="notice">{j.sign_in_first}" "<a href=lang.href("/login")>{lang.t().login_title}</a></p> })}
        <p role="status">{move || declined.get().then_some(j.declined)}</p>
        <ActionForm action=answer>
            <FormError error=errors lang/>
            <input type="hidden" name="token" value=token/>
            <input type="hidden" name="lang" value=lang.code()/>
            {(!i.has_account).then(|| view! {
                <LineField name="name".to_string() key="name".to_string() label=j.new_name.into() value=String::new() lang error=errors autocomplete="name" required=true/>
                <LineField name="password".to_string() key="password".to_string() label=j.new_password.into() value=String::new() lang error=errors kind="password" autocomplete="new-password" required=true/>
            })}
            {i.has_account.then(|| view! {
                <input type="hidden" name="name" value=""/>
                <input type="hidden" name="password" value=""/>
            })}
            <button type="submit" class="button" name="accept" value="true">{j.accept}</button>
            " "
            <button type="submit" class="button secondary" name="accept" value="false">{j.decline}</button>
        </ActionForm>
    }
}
