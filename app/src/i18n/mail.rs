//! The words of the mails the portal sends, in Swedish and English.
//!
//! Each mail is a [`MailText`] whose parts may name placeholders in braces, `{name}`; the mail
//! templates (`backend::mail::templates`) say which values each mail gives and fill them with
//! [`fill`]. What an applicant or organiser wrote is put in as it is and never read for
//! placeholders itself. Only the server sends mail, so this table never reaches the browser.
use super::Lang;

/// One mail in one language: the link it leads to goes between `body` and `closing`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailText {
    pub subject: &'static str,
    pub greeting: &'static str,
    pub body: &'static str,
    pub label: &'static str,
    pub closing: &'static str,
}

/// What the results mail says to one entry: its body's `{outcome}`, by the entry's result.
#[derive(Clone, Copy, Debug)]
pub struct Outcomes {
    pub winner: &'static str,
    pub runner_up: &'static str,
    pub mention: &'static str,
    pub not_awarded: &'static str,
    pub ineligible: &'static str,
}

impl Outcomes {
    /// The words for an entry's result.
    pub fn of(&self, outcome: crate::model::ResultOutcome) -> &'static str {
        use crate::model::ResultOutcome as O;
        match outcome {
            O::Winner => self.winner,
            O::RunnerUp => self.runner_up,
            O::Mention => self.mention,
            O::NotAwarded => self.not_awarded,
            O::Ineligible => self.ineligible,
        }
    }
}

/// What the European final's results mail says to one country's competing entry.
#[derive(Clone, Copy, Debug)]
pub struct FinalOutcomes {
    pub winner: &'static str,
    pub runner_up: &'static str,
    pub not_awarded: &'static str,
}

/// Every mail, in one language.
pub struct MailStrings {
    /// `{name}`
    pub verify_email: MailText,
    /// `{name}`
    pub already_registered: MailText,
    /// `{name}`
    pub reset_password: MailText,
    /// `{name}`
    pub confirm_new_email: MailText,
    /// `{inviter}`, `{organisation}`
    pub invitation: MailText,
    /// `{name}`, `{year}`, `{reference}`, `{title}`, `{organisation}`, `{version}`,
    /// `{submitted}`, `{attachments}`
    pub receipt: MailText,
    /// `{title}`, `{reference}`
    pub eligible: MailText,
    /// `{title}`, `{reference}`, `{reason}`
    pub ineligible: MailText,
    /// `{title}`, `{reference}`, `{country}`: screened by the organisers of another country's
    /// round hosted here.
    pub round_eligible: MailText,
    /// `{title}`, `{reference}`, `{reason}`, `{country}`
    pub round_ineligible: MailText,
    /// `{organisation}`, `{year}`, `{drafts}` (one line each), `{deadline}`
    pub deadline_reminder: MailText,
    /// `{organisation}`, `{year}`, `{deadline}`, `{drafts}`, `{country}`: of another country's
    /// round hosted here.
    pub round_deadline_reminder: MailText,
    /// `{year}`, `{theme}`: to the home country's jury.
    pub jury_invitation: MailText,
    /// `{year}`, `{theme}`: to the European final's jury.
    pub final_jury_invitation: MailText,
    /// `{year}`, `{theme}`, `{country}`: to the jury of another country's round hosted here.
    pub round_jury_invitation: MailText,
    /// `{name}`, `{remaining}`, `{year}`, `{closes}`
    pub jury_reminder: MailText,
    /// `{name}`, `{remaining}`, `{year}`, `{closes}`: to the European final's jury.
    pub final_jury_reminder: MailText,
    /// `{name}`, `{remaining}`, `{year}`, `{closes}`, `{country}`: to the jury of another
    /// country's round hosted here.
    pub round_jury_reminder: MailText,
    /// `{name}`, `{remaining}`, `{year}`, `{closes}`
    pub shortlist_reminder: MailText,
    /// `{name}`, `{year}`, `{count}`: the advanced entries the juror scores.
    pub shortlist_advanced: MailText,
    pub shortlist_taken_back: MailText,
    /// Its body is not used: the entry's outcome picks one of `outcomes` in its place. `{year}`,
    /// `{title}`
    pub results_published: MailText,
    pub outcomes: Outcomes,
    /// Its body is not used: the entry's outcome picks one of `final_outcomes`. `{year}`,
    /// `{title}`, `{country}`
    pub final_results_published: MailText,
    pub final_outcomes: FinalOutcomes,
    /// Its body is not used: the entry's outcome picks one of `round_outcomes`. `{year}`,
    /// `{title}`, `{country}`: another country's round hosted here.
    pub round_results_published: MailText,
    pub round_outcomes: Outcomes,
    /// The outcome mails' second link, to the jury's feedback under the entry.
    pub feedback_link: &'static str,
    /// `{year}`, `{title}`
    pub feedback_released: MailText,
    /// `{subject}`, `{body}`: the organiser's own words to a group.
    pub group_message: MailText,
    pub confirm_subscription: MailText,
    /// `{title}`, `{summary}`, `{unsubscribe}`
    pub news_published: MailText,
    /// `{year}`, `{country}`, `{title}`, `{sender}`
    pub dossier_to_eucpn: MailText,
    /// The same, after a dossier on another entry that the decision no longer names: also
    /// `{earlier}` (that entry's English title) and `{earlier_sent}` (when it went).
    pub dossier_replacing: MailText,
    /// The line under every mail.
    pub signature: &'static str,
}

impl Lang {
    /// The words of the mails.
    pub fn mail(self) -> &'static MailStrings {
        self.pick(&SV, &EN)
    }
}

/// `text` with each `{key}` of `values` replaced by its value, in one pass, so a value that
/// holds braces is never read as a placeholder. Braces around anything else stay as they are.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

const SV: MailStrings = MailStrings {
    verify_email: MailText {
        subject: "Bekräfta din e-postadress – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Du har skapat ett konto i ECPA-portalen. Bekräfta din e-postadress genom att öppna länken nedan. Länken gäller i 48 timmar och kan bara användas en gång.",
        label: "Bekräfta e-postadressen",
        closing: "Har du inte skapat något konto kan du bortse från det här meddelandet.",
    },
    already_registered: MailText {
        subject: "Du har redan ett konto – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Någon försökte registrera ett nytt konto med den här e-postadressen, men du har redan ett konto. Logga in med länken nedan. Har du glömt lösenordet kan du återställa det på inloggningssidan.",
        label: "Logga in",
        closing: "Var det inte du kan du bortse från det här meddelandet.",
    },
    reset_password: MailText {
        subject: "Återställ ditt lösenord – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Vi har fått en begäran om att återställa lösenordet till ditt konto. Välj ett nytt lösenord med länken nedan. Länken gäller i en timme och kan bara användas en gång.",
        label: "Välj nytt lösenord",
        closing: "Har du inte bett om detta kan du bortse från meddelandet. Ditt lösenord är oförändrat.",
    },
    confirm_new_email: MailText {
        subject: "Bekräfta din nya e-postadress – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Du har bett om att byta e-postadress för ditt konto till den här adressen. Bekräfta bytet med länken nedan. Länken gäller i 48 timmar.",
        label: "Bekräfta den nya adressen",
        closing: "Har du inte bett om detta kan du bortse från meddelandet.",
    },
    invitation: MailText {
        subject: "Inbjudan till ECPA-portalen",
        greeting: "Hej!",
        body: "{inviter} har bjudit in dig att arbeta med bidrag för {organisation} i ECPA-portalen. Öppna länken nedan för att gå med. Inbjudan gäller i 14 dagar.",
        label: "Gå med",
        closing: "Känner du inte till inbjudan kan du bortse från meddelandet.",
    },
    receipt: MailText {
        subject: "Kvitto: ert bidrag är inskickat – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Ert bidrag till ECPA {year} är inskickat.\n\nReferensnummer: {reference}\nTitel: {title}\nOrganisation: {organisation}\nVersion: {version}\nInskickat: {submitted} (svensk tid)\nBilagor: {attachments}\n\nNi kan ändra och skicka in bidraget igen fram till sista dagen. Varje inskickad version sparas.",
        label: "Visa bidraget",
        closing: "Spara gärna det här meddelandet som bekräftelse.",
    },
    eligible: MailText {
        subject: "Ert bidrag uppfyller villkoren – ECPA Sverige",
        greeting: "Hej!",
        body: "Brå har granskat bidraget ”{title}” ({reference}). Det uppfyller tävlingens villkor och går vidare till juryns bedömning.",
        label: "Visa bidraget",
        closing: "Vi hör av oss när juryn har fattat sitt beslut.",
    },
    ineligible: MailText {
        subject: "Ert bidrag uppfyller inte villkoren – ECPA Sverige",
        greeting: "Hej!",
        body: "Brå har granskat bidraget ”{title}” ({reference}). Det uppfyller tyvärr inte tävlingens villkor och går inte vidare till juryn.\n\nMotivering: {reason}",
        label: "Visa bidraget",
        closing: "Har ni frågor är ni välkomna att kontakta Brå.",
    },
    round_eligible: MailText {
        subject: "Ert bidrag uppfyller villkoren – nationella omgången i {country}",
        greeting: "Hej!",
        body: "Arrangörerna av den nationella omgången i {country} har granskat bidraget ”{title}” ({reference}). Det uppfyller villkoren och går vidare till juryns bedömning.",
        label: "Se bidraget",
        closing: "Med vänliga hälsningar",
    },
    round_ineligible: MailText {
        subject: "Ert bidrag uppfyller inte villkoren – nationella omgången i {country}",
        greeting: "Hej!",
        body: "Arrangörerna av den nationella omgången i {country} har granskat bidraget ”{title}” ({reference}). Det uppfyller tyvärr inte villkoren och går inte vidare till juryn.\n\nMotivering: {reason}",
        label: "Se bidraget",
        closing: "Med vänliga hälsningar",
    },
    deadline_reminder: MailText {
        subject: "Påminnelse: bidrag som inte är inskickade – ECPA Sverige",
        greeting: "Hej!",
        body: "{organisation} har utkast till ECPA {year} som ännu inte är inskickade:\n{drafts}\n\nSista dag för bidrag är {deadline} (svensk tid). Ett utkast som inte skickas in deltar inte.",
        label: "Gå till era bidrag",
        closing: "Har ni redan bestämt er för att inte delta kan ni bortse från meddelandet.",
    },
    round_deadline_reminder: MailText {
        subject: "Påminnelse: bidrag som inte är inskickade – {country}, ECPA",
        greeting: "Hej!",
        body: "{organisation} har utkast till den nationella omgången i {country} av ECPA {year} som ännu inte är inskickade:\n{drafts}\n\nSista dag för bidrag är {deadline} (svensk tid). Ett utkast som inte skickas in deltar inte.",
        label: "Gå till era bidrag",
        closing: "Har ni redan bestämt er för att inte delta kan ni bortse från meddelandet.",
    },
    jury_invitation: MailText {
        subject: "Inbjudan till juryn – ECPA Sverige",
        greeting: "Hej!",
        body: "Brå bjuder in dig att sitta i juryn för ECPA {year}, med temat {theme}. Öppna länken för att tacka ja eller nej. Inbjudan gäller i 14 dagar.",
        label: "Svara på inbjudan",
        closing: "Känner du inte till inbjudan kan du bortse från meddelandet.",
    },
    final_jury_invitation: MailText {
        subject: "Inbjudan till juryn i den europeiska finalen – ECPA",
        greeting: "Hej!",
        body: "EUCPN:s sekretariat bjuder in dig till juryn i den europeiska finalen av ECPA {year}, med temat {theme}. Du bedömer inte bidraget från ditt eget land. Öppna länken för att tacka ja eller nej. Inbjudan gäller i 14 dagar.",
        label: "Svara på inbjudan",
        closing: "Känner du inte till inbjudan kan du bortse från meddelandet.",
    },
    round_jury_invitation: MailText {
        subject: "Inbjudan till juryn i {country} – ECPA",
        greeting: "Hej!",
        body: "Arrangörerna av den nationella omgången i {country} bjuder in dig till dess jury för ECPA {year}, med temat {theme}. Öppna länken för att tacka ja eller nej. Inbjudan gäller i 14 dagar.",
        label: "Svara på inbjudan",
        closing: "Känner du inte till inbjudan kan du bortse från meddelandet.",
    },
    jury_reminder: MailText {
        subject: "Påminnelse: bedömningar att slutföra – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Du har {remaining} bidrag kvar att bedöma i ECPA {year}. Bedömningen stänger {closes} (svensk tid).",
        label: "Gå till dina bedömningar",
        closing: "Tack för ditt arbete i juryn.",
    },
    final_jury_reminder: MailText {
        subject: "Påminnelse: bedömningar att slutföra – den europeiska finalen, ECPA",
        greeting: "Hej {name}!",
        body: "Du har {remaining} bidrag kvar att bedöma i den europeiska finalen av ECPA {year}. Juryns bedömning stänger {closes} (svensk tid).",
        label: "Gå till dina bedömningar",
        closing: "Tack för ditt arbete i juryn.",
    },
    round_jury_reminder: MailText {
        subject: "Påminnelse: bedömningar att slutföra – {country}, ECPA",
        greeting: "Hej {name}!",
        body: "Du har {remaining} bidrag kvar att bedöma i den nationella omgången i {country} av ECPA {year}. Bedömningen stänger {closes} (svensk tid).",
        label: "Gå till dina bedömningar",
        closing: "Tack för ditt arbete i juryn.",
    },
    shortlist_reminder: MailText {
        subject: "Påminnelse: kortlistan väntar på dina svar – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "I kortlisteomgången för ECPA {year} har du ännu inte svarat på {remaining} bidrag. Svaren ska vara inne {closes} (svensk tid). Därefter väljer ordföranden vilka bidrag som går vidare till full bedömning.",
        label: "Gå till kortlistan",
        closing: "Tack för ditt arbete i juryn.",
    },
    shortlist_advanced: MailText {
        subject: "Kortlistan är avgjord: nu börjar bedömningen – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Ordföranden har valt vilka bidrag i ECPA {year} som går vidare från kortlistan. Du har {count} av dem att bedöma enligt kriterierna. Listan över dina bidrag visar när bedömningarna ska vara inne.",
        label: "Gå till dina bidrag",
        closing: "Tack för ditt arbete i juryn.",
    },
    shortlist_taken_back: MailText {
        subject: "Kortlistans avgörande är taget tillbaka – ECPA Sverige",
        greeting: "Hej {name}!",
        body: "Ordföranden har tagit tillbaka valet av vilka bidrag i ECPA {year} som gick vidare från kortlistan. Bedömningen är därför åter i kortlisteomgången, och inga bidrag poängsätts just nu. Dina svar på kortlistan finns kvar, och du får ett nytt mejl när ordföranden har valt igen.\n\nMotivering: {reason}",
        label: "Gå till kortlistan",
        closing: "Tack för ditt arbete i juryn.",
    },
    results_published: MailText {
        subject: "Resultatet av ECPA är publicerat – ECPA Sverige",
        greeting: "Hej!",
        body: "",
        label: "Se resultatet",
        closing: "Med vänliga hälsningar",
    },
    outcomes: Outcomes {
        winner: "Resultatet av ECPA {year} är publicerat, och ert bidrag ”{title}” har vunnit den svenska deltävlingen. Stort grattis! Bidraget representerar Sverige i den europeiska finalen, och Brå hör av sig om det fortsatta arbetet.",
        runner_up: "Resultatet av ECPA {year} är publicerat. Ert bidrag ”{title}” kom på delad andraplats bland de bidrag som juryn lyfte fram. Grattis!",
        mention: "Resultatet av ECPA {year} är publicerat. Juryn har gett ert bidrag ”{title}” ett hedersomnämnande. Grattis!",
        not_awarded: "Resultatet av ECPA {year} är publicerat. Ert bidrag ”{title}” fick inte något pris i år. Tack för att ni deltog – bidraget och dess korta beskrivning visas bland årets bidrag om ni har gett ert samtycke.",
        ineligible: "Resultatet av ECPA {year} är publicerat. Ert bidrag ”{title}” uppfyllde inte tävlingens villkor och bedömdes därför inte av juryn. Tack för ert intresse.",
    },
    final_results_published: MailText {
        subject: "Resultatet av den europeiska finalen är publicerat – ECPA",
        greeting: "Hej!",
        body: "",
        label: "Se den europeiska finalens resultat",
        closing: "Med vänliga hälsningar",
    },
    final_outcomes: FinalOutcomes {
        winner: "EUCPN har publicerat resultatet av den europeiska finalen i ECPA {year}. Bidraget ”{title}” från {country} vann finalen. Ett stort grattis till alla som ligger bakom projektet!",
        runner_up: "EUCPN har publicerat resultatet av den europeiska finalen i ECPA {year}. Bidraget ”{title}” från {country} blev en av finalens två tvåor. Grattis!",
        not_awarded: "EUCPN har publicerat resultatet av den europeiska finalen i ECPA {year}. Bidraget ”{title}” från {country} fick inget pris den här gången. Tack för att ni tävlade – alla ländernas bidrag visas på finalens sida.",
    },
    round_results_published: MailText {
        subject: "Resultatet av den nationella omgången i {country} är publicerat – ECPA",
        greeting: "Hej!",
        body: "",
        label: "Se ert bidrag",
        closing: "Med vänliga hälsningar",
    },
    round_outcomes: Outcomes {
        winner: "Juryn i den nationella omgången i {country} har avgjort ECPA {year}, och ert bidrag ”{title}” vann. Grattis! Bidraget kan nu gå vidare till den europeiska finalen, och omgångens arrangörer hör av sig om nästa steg.",
        runner_up: "Juryn i den nationella omgången i {country} har avgjort ECPA {year}. Ert bidrag ”{title}” är en av tvåorna. Grattis!",
        mention: "Juryn i den nationella omgången i {country} har avgjort ECPA {year}. Ert bidrag ”{title}” fick ett hedersomnämnande. Grattis!",
        not_awarded: "Juryn i den nationella omgången i {country} har avgjort ECPA {year}. Ert bidrag ”{title}” fick inget pris den här gången. Tack för att ni deltog.",
        ineligible: "Juryn i den nationella omgången i {country} har avgjort ECPA {year}. Ert bidrag ”{title}” uppfyllde inte villkoren och bedömdes därför inte. Tack för ert intresse.",
    },
    feedback_link: "Juryns återkoppling på ert bidrag (visas här när den har släppts)",
    feedback_released: MailText {
        subject: "Juryns återkoppling på ert bidrag – ECPA",
        greeting: "Hej!",
        body: "Juryn i ECPA {year} har lämnat återkoppling på ert bidrag ”{title}”. Ni kan läsa den under bidraget på portalen.",
        label: "Läs juryns återkoppling",
        closing: "Med vänliga hälsningar",
    },
    group_message: MailText {
        subject: "{subject} – ECPA",
        greeting: "Hej!",
        body: "{body}",
        label: "Till portalen",
        closing: "Med vänliga hälsningar",
    },
    confirm_subscription: MailText {
        subject: "Bekräfta din prenumeration – ECPA Sverige",
        greeting: "Hej!",
        body: "Någon, förhoppningsvis du, har anmält den här adressen för att få nyheter och pressmeddelanden från ECPA Sverige. Bekräfta med länken nedan. Utan bekräftelse skickar vi ingenting.",
        label: "Bekräfta prenumerationen",
        closing: "Har du inte anmält dig kan du bortse från meddelandet.",
    },
    news_published: MailText {
        subject: "Nytt från ECPA Sverige",
        greeting: "Hej!",
        body: "{title}\n\n{summary}\n\nDu får det här meddelandet eftersom du prenumererar på nyheter från ECPA Sverige. Avsluta prenumerationen med ett klick: {unsubscribe}",
        label: "Läs mer",
        closing: "Med vänliga hälsningar",
    },
    dossier_to_eucpn: MailText {
        subject: "ECPA {year}: bidraget från {country} (bilaga I)",
        greeting: "Hej!",
        body: "Här är bidraget från {country} till den europeiska finalen av ECPA {year}, ”{title}”, enligt mallen i bilaga I. Underlaget finns bifogat som PDF och som Word-fil. Det skickades av {sender}.",
        label: "Den svenska tävlingens resultat",
        closing: "Med vänliga hälsningar",
    },
    dossier_replacing: MailText {
        subject: "ECPA {year}: bidraget från {country} (bilaga I) ersätter det förra",
        greeting: "Hej!",
        body: "Här är bidraget från {country} till den europeiska finalen av ECPA {year}, ”{title}”, enligt mallen i bilaga I. Det ersätter underlaget om ”{earlier}” som skickades {earlier_sent}: den nationella juryns beslut har ändrats sedan dess, och det projektet är inte längre den nationella vinnaren. Underlaget finns bifogat som PDF och som Word-fil. Det skickades av {sender}.",
        label: "Den svenska tävlingens resultat",
        closing: "Med vänliga hälsningar",
    },
    signature: "ECPA Sverige / Brå",
};

const EN: MailStrings = MailStrings {
    verify_email: MailText {
        subject: "Confirm your email address – ECPA Sweden",
        greeting: "Hello {name},",
        body: "You have created an account on the ECPA portal. Confirm your email address by opening the link below. The link is valid for 48 hours and can be used once.",
        label: "Confirm the email address",
        closing: "If you did not create an account, you can ignore this message.",
    },
    already_registered: MailText {
        subject: "You already have an account – ECPA Sweden",
        greeting: "Hello {name},",
        body: "Someone tried to register a new account with this email address, but you already have one. Log in with the link below. If you have forgotten your password, you can reset it on the login page.",
        label: "Log in",
        closing: "If this was not you, you can ignore this message.",
    },
    reset_password: MailText {
        subject: "Reset your password – ECPA Sweden",
        greeting: "Hello {name},",
        body: "We received a request to reset the password of your account. Choose a new password with the link below. The link is valid for one hour and can be used once.",
        label: "Choose a new password",
        closing: "If you did not ask for this, you can ignore this message. Your password is unchanged.",
    },
    confirm_new_email: MailText {
        subject: "Confirm your new email address – ECPA Sweden",
        greeting: "Hello {name},",
        body: "You asked to change the email address of your account to this address. Confirm the change with the link below. The link is valid for 48 hours.",
        label: "Confirm the new address",
        closing: "If you did not ask for this, you can ignore this message.",
    },
    invitation: MailText {
        subject: "Invitation to the ECPA portal",
        greeting: "Hello,",
        body: "{inviter} has invited you to work on the entries of {organisation} in the ECPA portal. Open the link below to join. The invitation is valid for 14 days.",
        label: "Join",
        closing: "If you do not know about this invitation, you can ignore this message.",
    },
    receipt: MailText {
        subject: "Receipt: your entry has been submitted – ECPA Sweden",
        greeting: "Hello {name},",
        body: "Your entry to ECPA {year} has been submitted.\n\nReference number: {reference}\nTitle: {title}\nOrganisation: {organisation}\nVersion: {version}\nSubmitted: {submitted} (Swedish time)\nAttachments: {attachments}\n\nYou can change the entry and submit it again until the deadline. Every submitted version is kept.",
        label: "View the entry",
        closing: "Keep this message as your confirmation.",
    },
    eligible: MailText {
        subject: "Your entry is eligible – ECPA Sweden",
        greeting: "Hello,",
        body: "Brå has screened the entry “{title}” ({reference}). It meets the competition’s conditions and goes on to the jury.",
        label: "View the entry",
        closing: "We will be in touch when the jury has decided.",
    },
    ineligible: MailText {
        subject: "Your entry is not eligible – ECPA Sweden",
        greeting: "Hello,",
        body: "Brå has screened the entry “{title}” ({reference}). Unfortunately it does not meet the competition’s conditions and will not go on to the jury.\n\nReason: {reason}",
        label: "View the entry",
        closing: "If you have questions, you are welcome to contact Brå.",
    },
    round_eligible: MailText {
        subject: "Your entry is eligible – the national round of {country}",
        greeting: "Hello,",
        body: "The organisers of the national round of {country} have screened the entry “{title}” ({reference}). It meets the conditions and goes on to the jury.",
        label: "See the entry",
        closing: "Kind regards",
    },
    round_ineligible: MailText {
        subject: "Your entry is not eligible – the national round of {country}",
        greeting: "Hello,",
        body: "The organisers of the national round of {country} have screened the entry “{title}” ({reference}). Unfortunately it does not meet the conditions and does not go on to the jury.\n\nReason: {reason}",
        label: "See the entry",
        closing: "Kind regards",
    },
    deadline_reminder: MailText {
        subject: "Reminder: entries not yet submitted – ECPA Sweden",
        greeting: "Hello,",
        body: "{organisation} has drafts for ECPA {year} that have not been submitted:\n{drafts}\n\nThe deadline for entries is {deadline} (Swedish time). A draft that is not submitted does not take part.",
        label: "Go to your entries",
        closing: "If you have decided not to take part, you can ignore this message.",
    },
    round_deadline_reminder: MailText {
        subject: "Reminder: entries not yet submitted – {country}, ECPA",
        greeting: "Hello,",
        body: "{organisation} has drafts for the national round of {country} in ECPA {year} that have not been submitted:\n{drafts}\n\nThe deadline for entries is {deadline} (Swedish time). A draft that is not submitted does not take part.",
        label: "Go to your entries",
        closing: "If you have decided not to take part, you can ignore this message.",
    },
    jury_invitation: MailText {
        subject: "Invitation to the jury – ECPA Sweden",
        greeting: "Hello,",
        body: "Brå invites you to sit on the jury of ECPA {year}, on the theme {theme}. Open the link to accept or decline. The invitation is valid for 14 days.",
        label: "Answer the invitation",
        closing: "If you do not know about this invitation, you can ignore this message.",
    },
    final_jury_invitation: MailText {
        subject: "Invitation to the European final’s jury – ECPA",
        greeting: "Hello,",
        body: "The EUCPN secretariat invites you to the jury of the European final of ECPA {year}, on the theme {theme}. You will not score the entry from your own country. Open the link to accept or decline. The invitation is valid for 14 days.",
        label: "Answer the invitation",
        closing: "If you do not know about this invitation, you can ignore this message.",
    },
    round_jury_invitation: MailText {
        subject: "Invitation to the jury in {country} – ECPA",
        greeting: "Hello,",
        body: "The organisers of the national round of {country} invite you to its jury for ECPA {year}, on the theme {theme}. Open the link to accept or decline. The invitation is valid for 14 days.",
        label: "Answer the invitation",
        closing: "If you do not know about this invitation, you can ignore this message.",
    },
    jury_reminder: MailText {
        subject: "Reminder: scores to finish – ECPA Sweden",
        greeting: "Hello {name},",
        body: "Entries left for you to score in ECPA {year}: {remaining}. Judging closes {closes} (Swedish time).",
        label: "Go to your scores",
        closing: "Thank you for your work on the jury.",
    },
    final_jury_reminder: MailText {
        subject: "Reminder: scores to finish – the European final, ECPA",
        greeting: "Hello {name},",
        body: "Entries left for you to score in the European final of ECPA {year}: {remaining}. The jury’s scoring closes {closes} (Swedish time).",
        label: "Go to your scores",
        closing: "Thank you for your work on the jury.",
    },
    round_jury_reminder: MailText {
        subject: "Reminder: scores to finish – {country}, ECPA",
        greeting: "Hello {name},",
        body: "Entries left for you to score in the national round of {country} in ECPA {year}: {remaining}. Judging closes {closes} (Swedish time).",
        label: "Go to your scores",
        closing: "Thank you for your work on the jury.",
    },
    shortlist_reminder: MailText {
        subject: "Reminder: the shortlist awaits your answers – ECPA Sweden",
        greeting: "Hello {name},",
        body: "In the shortlist round of ECPA {year}, entries you have not yet answered on: {remaining}. Answers are due {closes} (Swedish time). The chair then chooses which entries go on to full scoring.",
        label: "Go to the shortlist",
        closing: "Thank you for your work on the jury.",
    },
    shortlist_advanced: MailText {
        subject: "The shortlist is decided: scoring begins – ECPA Sweden",
        greeting: "Hello {name},",
        body: "The chair has chosen which entries of ECPA {year} go on from the shortlist. Of them, the ones for you to score against the criteria: {count}. The list of your entries shows when the scores are due.",
        label: "Go to your entries",
        closing: "Thank you for your work on the jury.",
    },
    shortlist_taken_back: MailText {
        subject: "The shortlist decision is taken back – ECPA Sweden",
        greeting: "Hello {name},",
        body: "The chair has taken back the choice of which entries of ECPA {year} went on from the shortlist. Judging is therefore back in the shortlist round, and no entries are scored for now. Your answers on the shortlist are kept, and you will get another mail once the chair has chosen again.\n\nReason: {reason}",
        label: "Go to the shortlist",
        closing: "Thank you for your work on the jury.",
    },
    results_published: MailText {
        subject: "The ECPA results are published – ECPA Sweden",
        greeting: "Hello,",
        body: "",
        label: "See the results",
        closing: "Kind regards",
    },
    outcomes: Outcomes {
        winner: "The results of ECPA {year} are published, and your entry “{title}” has won the Swedish round. Congratulations! The entry represents Sweden in the European final, and Brå will be in touch about what happens next.",
        runner_up: "The results of ECPA {year} are published. Your entry “{title}” is a runner-up among the entries the jury singled out. Congratulations!",
        mention: "The results of ECPA {year} are published. The jury has given your entry “{title}” an honourable mention. Congratulations!",
        not_awarded: "The results of ECPA {year} are published. Your entry “{title}” did not receive an award this year. Thank you for taking part – the entry and its short description are shown among this year’s entries if you consented to that.",
        ineligible: "The results of ECPA {year} are published. Your entry “{title}” did not meet the conditions of the competition and was therefore not judged. Thank you for your interest.",
    },
    final_results_published: MailText {
        subject: "The results of the European final are published – ECPA",
        greeting: "Hello,",
        body: "",
        label: "See the results of the European final",
        closing: "Kind regards",
    },
    final_outcomes: FinalOutcomes {
        winner: "EUCPN has published the results of the European final of ECPA {year}. The entry “{title}” from {country} has won the final. Warm congratulations to everyone behind the project!",
        runner_up: "EUCPN has published the results of the European final of ECPA {year}. The entry “{title}” from {country} is one of the final’s two runners-up. Congratulations!",
        not_awarded: "EUCPN has published the results of the European final of ECPA {year}. The entry “{title}” from {country} did not receive a prize this time. Thank you for competing – every country’s entry is shown on the final’s page.",
    },
    round_results_published: MailText {
        subject: "The results of the national round of {country} are published – ECPA",
        greeting: "Hello,",
        body: "",
        label: "See your entry",
        closing: "Kind regards",
    },
    round_outcomes: Outcomes {
        winner: "The jury of the national round of {country} has decided ECPA {year}, and your entry “{title}” has won. Congratulations! The entry can now go on to the European final, and the round’s organisers will be in touch about the next step.",
        runner_up: "The jury of the national round of {country} has decided ECPA {year}. Your entry “{title}” is a runner-up. Congratulations!",
        mention: "The jury of the national round of {country} has decided ECPA {year}. Your entry “{title}” received an honourable mention. Congratulations!",
        not_awarded: "The jury of the national round of {country} has decided ECPA {year}. Your entry “{title}” did not receive an award this time. Thank you for taking part.",
        ineligible: "The jury of the national round of {country} has decided ECPA {year}. Your entry “{title}” did not meet the conditions and was therefore not judged. Thank you for your interest.",
    },
    feedback_link: "The jury’s feedback on your entry (shown here once released)",
    feedback_released: MailText {
        subject: "The jury’s feedback on your entry – ECPA",
        greeting: "Hello,",
        body: "The jury of ECPA {year} has given feedback on your entry “{title}”. You can read it under the entry on the portal.",
        label: "Read the jury’s feedback",
        closing: "Kind regards",
    },
    group_message: MailText {
        subject: "{subject} – ECPA",
        greeting: "Hello,",
        body: "{body}",
        label: "To the portal",
        closing: "Kind regards",
    },
    confirm_subscription: MailText {
        subject: "Confirm your subscription – ECPA Sweden",
        greeting: "Hello,",
        body: "Someone, hopefully you, has signed this address up for news and press releases from ECPA Sweden. Confirm with the link below. Without confirmation we send nothing.",
        label: "Confirm the subscription",
        closing: "If you did not sign up, you can ignore this message.",
    },
    news_published: MailText {
        subject: "News from ECPA Sweden",
        greeting: "Hello,",
        body: "{title}\n\n{summary}\n\nYou receive this message because you subscribe to news from ECPA Sweden. Unsubscribe with one click: {unsubscribe}",
        label: "Read more",
        closing: "Kind regards",
    },
    dossier_to_eucpn: MailText {
        subject: "ECPA {year}: the entry from {country} (Annex I)",
        greeting: "Dear EUCPN Secretariat,",
        body: "Please find the entry from {country} for the European final of ECPA {year}, “{title}”, on the Annex I template. The dossier is attached as a PDF and as a Word file. It was sent by {sender}.",
        label: "The results of the national round",
        closing: "Kind regards",
    },
    dossier_replacing: MailText {
        subject: "ECPA {year}: the entry from {country} (Annex I) replaces the earlier one",
        greeting: "Dear EUCPN Secretariat,",
        body: "Please find the entry from {country} for the European final of ECPA {year}, “{title}”, on the Annex I template. It replaces the dossier on “{earlier}” sent on {earlier_sent}: the national jury’s decision has changed since, and that project is no longer the national winner. The dossier is attached as a PDF and as a Word file. It was sent by {sender}.",
        label: "The results of the national round",
        closing: "Kind regards",
    },
    signature: "ECPA Sverige / Brå",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_value_once_and_never_reads_a_value_for_placeholders() {
        let values = [("title", "{name} & {title}"), ("name", "Anna")];
        assert_eq!(
            fill("Hej {name}! “{title}” {unknown} {", &values),
            "Hej Anna! “{name} & {title}” {unknown} {"
        );
        assert_eq!(fill("{name}{name}", &values), "AnnaAnna");
        assert_eq!(fill("}{}{name", &values), "}{}{name");
    }
}
