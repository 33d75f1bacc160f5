//! The privacy notice: what the portal keeps about people, why, for how long (the retention
//! rules in force, as configured), and who to ask. A document: no island.
use leptos::prelude::*;

use crate::api::accounts::get_retention;
use crate::components::{current_lang, data::load, page_meta::NarrowPage};
use crate::i18n::{Lang, entries::fill};
use crate::model::RetentionRules;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    crate::components::status::shared_by_everyone();
    let lang = current_lang();
    view! {
        <NarrowPage title=lang.t().privacy_title description=lang.t().privacy_note>
            {load(|| (), |_| get_retention(), move |rules: RetentionRules| {
                view! { <PrivacyNotice rules lang/> }
            })}
        </NarrowPage>
    }
}

/// The notice's text, with the retention rules in force.
#[component]
fn PrivacyNotice(rules: RetentionRules, lang: Lang) -> impl IntoView {
    let months = rules.draft_months.to_string();
    let days = rules.mail_days.to_string();
    let people = rules.people_years.map(|y| y.to_string());
    match lang {
        Lang::Sv => view! {
            <p>"Brottsförebyggande rådet (Brå) är personuppgiftsansvarigt för portalen. Här står vilka uppgifter om dig som portalen sparar, varför, hur länge och vart du vänder dig med frågor."</p>
            <h2>"Vad vi sparar och varför"</h2>
            <ul>
                <li>"Ditt konto: namn, e-postadress, språk, organisation och roller. Lösenordet sparas bara som en hash. Vi behöver uppgifterna för att du ska kunna logga in, tävla, bedöma eller arrangera."</li>
                <li>"Bidragen: texterna, kontaktpersonerna som nämns i dem och bilagorna. Juryn bedömer dem och Brå publicerar vinnaren och förteckningen över bidragen."</li>
                <li>"Juryns arbete: poäng, kommentarer, jäv och beslut, så att bedömningen går att följa i efterhand."</li>
                <li>"Mejl som portalen skickar: mottagare, ämne och text, så att vi kan se vad som har gått ut."</li>
                <li>"Nyhetsbrevet: e-postadressen och språket, tills du avslutar prenumerationen."</li>
                <li>"Säkerhet: misslyckade inloggningar och beställda mejl per adress, för att stoppa gissningar och massutskick, och en logg över ändringar som arrangörer, administratörer och jurymedlemmar gör."</li>
            </ul>
            <h2>"Hur länge"</h2>
            <ul>
                <li>{fill("Utkast som aldrig skickades in tas bort {} månader efter att tävlingsåret stängde.", &[&months])}</li>
                <li>{fill("Texten i skickade mejl tas bort {} dagar efter utskicket; mottagare, tid och ämne finns kvar.", &[&days])}</li>
                <li>"Misslyckade inloggningar och beställda mejl räknas i 15 minuter respektive en timme och tas sedan bort vid nästa gallring. Länkar för att bekräfta en adress eller byta lösenord tas bort vid första gallringen efter att de har gått ut."</li>
                <li>"Inskickade bidrag, bedömningar, beslut och ändringsloggen är allmänna handlingar och bevaras enligt Brås arkivregler."</li>
                {match &people {
                    Some(years) => view! {
                        <li>{fill("Kontaktpersoner i bidrag tas bort {} år efter att tävlingsåret stängde. Konton som ingen har loggat in på på {} år raderas, utom Brås och EUCPN:s egna.", &[years, years])}</li>
                        <li>"Annars finns ditt konto kvar tills du tar bort det under Mitt konto eller ber Brå att ta bort det."</li>
                    }.into_any(),
                    None => view! {
                        <li>"Kontaktpersoner i bidrag och konton för sökande och jurymedlemmar sparas enligt Brås arkivregler. Ditt konto finns kvar tills du tar bort det under Mitt konto eller ber Brå att ta bort det."</li>
                    }.into_any(),
                }}
            </ul>
            <p>"Gallringen görs automatiskt en gång per dygn."</p>
            <h2>"Dina rättigheter"</h2>
            <p>"När du är inloggad ser du dina uppgifter under Mitt konto och kan ladda ner dem som en fil. Du har rätt att få en kopia av uppgifterna, få fel rättade och få uppgifter raderade när de inte längre behöver sparas. Kontakta Brå via kontaktuppgifterna på bra.se; Brås dataskyddsombud svarar på frågor om hur vi behandlar personuppgifter. Är du missnöjd kan du klaga hos Integritetsskyddsmyndigheten (IMY)."</p>
        }.into_any(),
        Lang::En => view! {
            <p>"The Swedish National Council for Crime Prevention (Brå) is the controller of the personal data in this portal. This notice says what the portal keeps about you, why, for how long, and who to ask."</p>
            <h2>"What we keep and why"</h2>
            <ul>
                <li>"Your account: name, email address, language, organisation and roles. The password is kept only as a hash. We need these so that you can sign in and take part, judge or organise."</li>
                <li>"Entries: their text, the contact persons named in them, and their attachments. The jury assesses them, and Brå publishes the winner and the list of entries."</li>
                <li>"The jury's work: scores, comments, conflicts of interest and decisions, so that the assessment can be followed afterwards."</li>
                <li>"Mail the portal sends: recipient, subject and text, so that we can see what went out."</li>
                <li>"The newsletter: your email address and language, until you unsubscribe."</li>
                <li>"Security: failed logins and mail requested per address, to stop guessing and mass mailing, and a log of the changes organisers, administrators and jurors make."</li>
            </ul>
            <h2>"For how long"</h2>
            <ul>
                <li>{fill("Drafts never submitted are removed {} months after their year closed.", &[&months])}</li>
                <li>{fill("The text of a sent mail is removed {} days after it was sent; the recipient, time and subject remain.", &[&days])}</li>
                <li>"Failed logins and mail requests count for 15 minutes and an hour respectively, and are removed at the next clean-up after that. Links to confirm an address or reset a password are removed at the first clean-up after they expire."</li>
                <li>"Submitted entries, assessments, decisions and the log of changes are public records, kept under Brå's archive rules."</li>
                {match &people {
                    Some(years) => view! {
                        <li>{fill("Contacts named in entries are removed {} years after their year closed. Accounts nobody has signed in to for {} years are erased, except those of Brå and EUCPN.", &[years, years])}</li>
                        <li>"Otherwise your account stays until you delete it under My account or ask Brå to remove it."</li>
                    }.into_any(),
                    None => view! {
                        <li>"Contacts named in entries, and the accounts of applicants and jurors, are kept under Brå's archive rules. Your account stays until you delete it under My account or ask Brå to remove it."</li>
                    }.into_any(),
                }}
            </ul>
            <p>"What is due is removed automatically once a day."</p>
            <h2>"Your rights"</h2>
            <p>"When signed in, you see your data under My account and can download it as a file. You have the right to a copy of it, to have mistakes corrected, and to have data erased once it no longer needs to be kept. Contact Brå through the contact details on bra.se; Brå's data protection officer answers questions about how we handle personal data. If you are not satisfied, you can complain to the Swedish Authority for Privacy Protection (IMY)."</p>
        }.into_any(),
    }
}
