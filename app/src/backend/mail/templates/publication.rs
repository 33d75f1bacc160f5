//! The mails about what Brå publishes: a year's results to each entry's organisation, and news
//! to subscribers (with the double opt-in before it).
use super::Text;
use crate::i18n::Lang;
use crate::model::ResultOutcome;

pub(super) fn results_published(
    lang: Lang,
    year: i32,
    title: &str,
    outcome: ResultOutcome,
) -> Text {
    use ResultOutcome as O;
    let body = match (lang, outcome) {
        (Lang::Sv, O::Winner) => format!(
            "Resultatet av ECPA {year} är publicerat, och ert bidrag \"{title}\" har vunnit den svenska deltävlingen. Stort grattis! Bidraget representerar Sverige i den europeiska finalen, och Brå hör av sig om det fortsatta arbetet."
        ),
        (Lang::Sv, O::RunnerUp) => format!(
            "Resultatet av ECPA {year} är publicerat. Ert bidrag \"{title}\" kom på delad andraplats bland de bidrag som juryn lyfte fram. Grattis!"
        ),
        (Lang::Sv, O::Mention) => format!(
            "Resultatet av ECPA {year} är publicerat. Juryn har gett ert bidrag \"{title}\" ett hedersomnämnande. Grattis!"
        ),
        (Lang::Sv, O::NotAwarded) => format!(
            "Resultatet av ECPA {year} är publicerat. Ert bidrag \"{title}\" fick inte något pris i år. Tack för att ni deltog – bidraget och dess korta beskrivning visas bland årets bidrag om ni har gett ert samtycke."
        ),
        (Lang::Sv, O::Ineligible) => format!(
            "Resultatet av ECPA {year} är publicerat. Ert bidrag \"{title}\" uppfyllde inte tävlingens villkor och bedömdes därför inte av juryn. Tack för ert intresse."
        ),
        (Lang::En, O::Winner) => format!(
            "The results of ECPA {year} are published, and your entry \"{title}\" has won the Swedish round. Congratulations! The entry represents Sweden in the European final, and Brå will be in touch about what happens next."
        ),
        (Lang::En, O::RunnerUp) => format!(
            "The results of ECPA {year} are published. Your entry \"{title}\" is a runner-up among the entries the jury singled out. Congratulations!"
        ),
        (Lang::En, O::Mention) => format!(
            "The results of ECPA {year} are published. The jury has given your entry \"{title}\" an honourable mention. Congratulations!"
        ),
        (Lang::En, O::NotAwarded) => format!(
            "The results of ECPA {year} are published. Your entry \"{title}\" did not receive an award this year. Thank you for taking part – the entry and its short description are shown among this year's entries if you consented to that."
        ),
        (Lang::En, O::Ineligible) => format!(
            "The results of ECPA {year} are published. Your entry \"{title}\" did not meet the conditions of the competition and was therefore not judged. Thank you for your interest."
        ),
    };
    match lang {
        Lang::Sv => Text::new(
            "Resultatet av ECPA är publicerat – ECPA Sverige",
            "Hej!",
            body,
            "Se resultatet",
            "Med vänliga hälsningar",
        ),
        Lang::En => Text::new(
            "The ECPA results are published – ECPA Sweden",
            "Hello,",
            body,
            "See the results",
            "Kind regards",
        ),
    }
}

pub(super) fn confirm_subscription(lang: Lang) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Bekräfta din prenumeration – ECPA Sverige",
            "Hej!",
            "Någon, förhoppningsvis du, har anmält den här adressen för att få nyheter och pressmeddelanden från ECPA Sverige. Bekräfta med länken nedan. Utan bekräftelse skickar vi ingenting.",
            "Bekräfta prenumerationen",
            "Har du inte anmält dig kan du bortse från meddelandet.",
        ),
        Lang::En => Text::new(
            "Confirm your subscription – ECPA Sweden",
            "Hello,",
            "Someone, hopefully you, has signed this address up for news and press releases from ECPA Sweden. Confirm with the link below. Without confirmation we send nothing.",
            "Confirm the subscription",
            "If you did not sign up, you can ignore this message.",
        ),
    }
}

pub(super) fn news_published(lang: Lang, title: &str, summary: &str, unsubscribe: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Nytt från ECPA Sverige",
            "Hej!",
            format!(
                "{title}\n\n{summary}\n\nDu får det här meddelandet eftersom du prenumererar på nyheter från ECPA Sverige. Avsluta prenumerationen med ett klick: {unsubscribe}"
            ),
            "Läs mer",
            "Med vänliga hälsningar",
        ),
        Lang::En => Text::new(
            "News from ECPA Sweden",
            "Hello,",
            format!(
                "{title}\n\n{summary}\n\nYou receive this message because you subscribe to news from ECPA Sweden. Unsubscribe with one click: {unsubscribe}"
            ),
            "Read more",
            "Kind regards",
        ),
    }
}
