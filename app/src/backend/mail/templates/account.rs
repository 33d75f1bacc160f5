//! The mails about an account: the address to confirm, a second registration, a password
//! reset, a new address, an invitation to an organisation.
use super::Text;
use crate::i18n::Lang;

pub(super) fn verify_email(lang: Lang, name: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Bekräfta din e-postadress – ECPA Sverige",
            format!("Hej {name}!"),
            "Du har skapat ett konto i ECPA-portalen. Bekräfta din e-postadress genom att öppna länken nedan. Länken gäller i 48 timmar och kan bara användas en gång.",
            "Bekräfta e-postadressen",
            "Har du inte skapat något konto kan du bortse från det här meddelandet.",
        ),
        Lang::En => Text::new(
            "Confirm your email address – ECPA Sweden",
            format!("Hello {name},"),
            "You have created an account on the ECPA portal. Confirm your email address by opening the link below. The link is valid for 48 hours and can be used once.",
            "Confirm the email address",
            "If you did not create an account, you can ignore this message.",
        ),
    }
}

pub(super) fn already_registered(lang: Lang, name: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Du har redan ett konto – ECPA Sverige",
            format!("Hej {name}!"),
            "Någon försökte registrera ett nytt konto med den här e-postadressen, men du har redan ett konto. Logga in med länken nedan. Har du glömt lösenordet kan du återställa det på inloggningssidan.",
            "Logga in",
            "Var det inte du kan du bortse från det här meddelandet.",
        ),
        Lang::En => Text::new(
            "You already have an account – ECPA Sweden",
            format!("Hello {name},"),
            "Someone tried to register a new account with this email address, but you already have one. Log in with the link below. If you have forgotten your password, you can reset it on the login page.",
            "Log in",
            "If this was not you, you can ignore this message.",
        ),
    }
}

pub(super) fn reset_password(lang: Lang, name: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Återställ ditt lösenord – ECPA Sverige",
            format!("Hej {name}!"),
            "Vi har fått en begäran om att återställa lösenordet till ditt konto. Välj ett nytt lösenord med länken nedan. Länken gäller i en timme och kan bara användas en gång.",
            "Välj nytt lösenord",
            "Har du inte bett om detta kan du bortse från meddelandet. Ditt lösenord är oförändrat.",
        ),
        Lang::En => Text::new(
            "Reset your password – ECPA Sweden",
            format!("Hello {name},"),
            "We received a request to reset the password of your account. Choose a new password with the link below. The link is valid for one hour and can be used once.",
            "Choose a new password",
            "If you did not ask for this, you can ignore this message. Your password is unchanged.",
        ),
    }
}

pub(super) fn confirm_new_email(lang: Lang, name: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Bekräfta din nya e-postadress – ECPA Sverige",
            format!("Hej {name}!"),
            "Du har bett om att byta e-postadress för ditt konto till den här adressen. Bekräfta bytet med länken nedan. Länken gäller i 48 timmar.",
            "Bekräfta den nya adressen",
            "Har du inte bett om detta kan du bortse från meddelandet.",
        ),
        Lang::En => Text::new(
            "Confirm your new email address – ECPA Sweden",
            format!("Hello {name},"),
            "You asked to change the email address of your account to this address. Confirm the change with the link below. The link is valid for 48 hours.",
            "Confirm the new address",
            "If you did not ask for this, you can ignore this message.",
        ),
    }
}

pub(super) fn invitation(lang: Lang, organisation: &str, inviter: &str) -> Text {
    match lang {
        Lang::Sv => Text::new(
            "Inbjudan till ECPA-portalen",
            "Hej!",
            format!(
                "{inviter} har bjudit in dig att arbeta med bidrag för {organisation} i ECPA-portalen. Öppna länken nedan för att gå med. Inbjudan gäller i 14 dagar."
            ),
            "Gå med",
            "Känner du inte till inbjudan kan du bortse från meddelandet.",
        ),
        Lang::En => Text::new(
            "Invitation to the ECPA portal",
            "Hello,",
            format!(
                "{inviter} has invited you to work on the entries of {organisation} in the ECPA portal. Open the link below to join. The invitation is valid for 14 days."
            ),
            "Join",
            "If you do not know about this invitation, you can ignore this message.",
        ),
    }
}
