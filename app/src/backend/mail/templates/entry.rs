//! The mails about entries and their judging: the receipt, the screening decision, the deadline
//! reminder, the jury's invitation and reminder.
use super::{Receipt, Text};
use crate::i18n::Lang;
use crate::model::When;

pub(super) fn receipt(lang: Lang, r: &Receipt) -> Text {
    let Receipt {
        name,
        title,
        organisation,
        reference,
        year,
        version,
        submitted,
        attachments,
        ..
    } = r;
    let at = lang.date_time(&submitted.date, &submitted.time);
    match lang {
        Lang::Sv => Text::new(
            "Kvitto: ert bidrag är inskickat – ECPA Sverige",
            format!("Hej {name}!"),
            format!(
                "Ert bidrag till ECPA {year} är inskickat.\n\nReferensnummer: {reference}\nTitel: {title}\nOrganisation: {organisation}\nVersion: {version}\nInskickat: {at} (svensk tid)\nBilagor: {attachments}\n\nNi kan ändra och skicka in bidraget igen fram till sista dagen. Varje inskickad version sparas."
            ),
            "Visa bidraget",
            "Spara gärna det här meddelandet som bekräftelse.",
        ),
        Lang::En => Text::new(
            "Receipt: your entry has been submitted – ECPA Sweden",
            format!("Hello {name},"),
            format!(
                "Your entry to ECPA {year} has been submitted.\n\nReference number: {reference}\nTitle: {title}\nOrganisation: {organisation}\nVersion: {version}\nSubmitted: {at} (Swedish time)\nAttachments: {attachments}\n\nYou can change the entry and submit it again until the deadline. Every submitted version is kept."
            ),
            "View the entry",
            "Keep this message as your confirmation.",
        ),
    }
}

pub(super) fn screening_result(
    lang: Lang,
    title: &str,
    reference: &str,
    eligible: bool,
    reason: Option<&str>,
) -> Text {
    let reason = reason.unwrap_or_default();
    match (lang, eligible) {
        (Lang::Sv, true) => Text::new(
            "Ert bidrag uppfyller villkoren – ECPA Sverige",
            "Hej!",
            format!(
                "Brå har granskat bidraget \"{title}\" ({reference}). Det uppfyller tävlingens villkor och går vidare till juryns bedömning."
            ),
            "Visa bidraget",
            "Vi hör av oss när juryn har fattat sitt beslut.",
        ),
        (Lang::Sv, false) => Text::new(
            "Ert bidrag uppfyller inte villkoren – ECPA Sverige",
            "Hej!",
            format!(
                "Brå har granskat bidraget \"{title}\" ({reference}). Det uppfyller tyvärr inte tävlingens villkor och går inte vidare till juryn.\n\nMotivering: {reason}"
            ),
            "Visa bidraget",
            "Har ni frågor är ni välkomna att kontakta Brå.",
        ),
        (Lang::En, true) => Text::new(
            "Your entry is eligible – ECPA Sweden",
            "Hello,",
            format!(
                "Brå has screened the entry \"{title}\" ({reference}). It meets the competition's conditions and goes on to the jury."
            ),
            "View the entry",
            "We will be in touch when the jury has decided.",
        ),
        (Lang::En, false) => Text::new(
            "Your entry is not eligible – ECPA Sweden",
            "Hello,",
            format!(
                "Brå has screened the entry \"{title}\" ({reference}). Unfortunately it does not meet the competition's conditions and will not go on to the jury.\n\nReason: {reason}"
            ),
            "View the entry",
            "If you have questions, you are welcome to contact Brå.",
        ),
    }
}

pub(super) fn deadline_reminder(
    lang: Lang,
    organisation: &str,
    year: i32,
    deadline: &When,
    drafts: &[String],
) -> Text {
    let at = lang.date_time(&deadline.date, &deadline.time);
    let list = drafts
        .iter()
        .map(|d| format!("- {d}"))
        .collect::<Vec<_>>()
        .join("\n");
    match lang {
        Lang::Sv => Text::new(
            "Påminnelse: bidrag som inte är inskickade – ECPA Sverige",
            "Hej!",
            format!(
                "{organisation} har utkast till ECPA {year} som ännu inte är inskickade:\n{list}\n\nSista dag för bidrag är {at} (svensk tid). Ett utkast som inte skickas in deltar inte."
            ),
            "Gå till era bidrag",
            "Har ni redan bestämt er för att inte delta kan ni bortse från meddelandet.",
        ),
        Lang::En => Text::new(
            "Reminder: entries not yet submitted – ECPA Sweden",
            "Hello,",
            format!(
                "{organisation} has drafts for ECPA {year} that have not been submitted:\n{list}\n\nThe deadline for entries is {at} (Swedish time). A draft that is not submitted does not take part."
            ),
            "Go to your entries",
            "If you have decided not to take part, you can ignore this message.",
        ),
    }
}

pub(super) fn jury_invitation(lang: Lang, year: i32, theme: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Inbjudan till juryn – ECPA Sverige",
            "Hej!",
            format!(
                "Brå bjuder in dig att sitta i juryn för ECPA {year}, med temat {theme}. Öppna länken för att tacka ja eller nej. Inbjudan gäller i 14 dagar."
            ),
            "Svara på inbjudan",
            "Känner du inte till inbjudan kan du bortse från meddelandet.",
        ),
        Lang::En => Text::new(
            "Invitation to the jury – ECPA Sweden",
            "Hello,",
            format!(
                "Brå invites you to sit on the jury of ECPA {year}, on the theme {theme}. Open the link to accept or decline. The invitation is valid for 14 days."
            ),
            "Answer the invitation",
            "If you do not know about this invitation, you can ignore this message.",
        ),
    }
}

pub(super) fn jury_reminder(
    lang: Lang,
    name: &str,
    year: i32,
    closes: &When,
    remaining: usize,
) -> Text {
    let at = lang.date_time(&closes.date, &closes.time);
    match lang {
        Lang::Sv => Text::new(
            "Påminnelse: bedömningar att slutföra – ECPA Sverige",
            format!("Hej {name}!"),
            format!(
                "Du har {remaining} bidrag kvar att bedöma i ECPA {year}. Bedömningen stänger {at} (svensk tid)."
            ),
            "Gå till dina bedömningar",
            "Tack för ditt arbete i juryn.",
        ),
        Lang::En => Text::new(
            "Reminder: scores to finish – ECPA Sweden",
            format!("Hello {name},"),
            format!(
                "You have {remaining} entries left to score in ECPA {year}. Judging closes {at} (Swedish time)."
            ),
            "Go to your scores",
            "Thank you for your work on the jury.",
        ),
    }
}
