//! What people type about themselves and their organisations, checked: passwords, email
//! addresses, organisation numbers, the registration form and an organisation's profile.

use crate::error::{AppError, FieldError, Problem};
use crate::i18n::Lang;
use crate::model::ORGANISATION_KINDS;

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

/// Frequently used passwords of at least 12 characters (from public breach statistics), and
/// patterns that make a long password easy to guess.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "111111111111",
    "000000000000",
    "qwertyuiopas",
    "qwertyuiop123",
    "qwertyuiopå",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "passwordpassword",
    "password1234",
    "password12345",
    "password123456",
    "lösenord1234",
    "losenord1234",
    "lösenordlösenord",
    "iloveyou1234",
    "sommar2024!!",
    "sommaren2024",
    "welcome12345",
    "letmein12345",
    "administrator",
    "administrator1",
    "abcdefghijkl",
    "abc123abc123",
    "qwerty123456",
    "qwertyqwerty",
    "asdfghjklöä",
    "asdfghjkl123",
    "zxcvbnm12345",
    "trustno1trustno1",
    "monkey123456",
    "dragon123456",
    "football1234",
    "baseball1234",
    "superman1234",
    "princess1234",
    "sunshine1234",
    "changeme1234",
    "brottsförebyggande",
];

fn too_common(password: &str, email: &str, name: &str) -> bool {
    let p = password.to_lowercase();
    let first = p.chars().next();
    if p.chars().all(|c| Some(c) == first) {
        return true;
    }
    let digits: Vec<u32> = p.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() == p.chars().count() && digits.windows(2).all(|w| (w[1] + 10 - w[0]) % 10 == 1)
    {
        return true;
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    if (local.len() >= 4 && p.contains(&local))
        || (name.len() >= 4 && p == name.to_lowercase().replace(' ', ""))
    {
        return true;
    }
    COMMON_PASSWORDS.contains(&p.as_str())
}

/// Checks a new password; `email` and `name` are those of its owner.
pub fn check_password(password: &str, email: &str, name: &str) -> Option<Problem> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Some(Problem::PasswordTooShort)
    } else if n > PASSWORD_MAX {
        Some(Problem::PasswordTooLong)
    } else if too_common(password, email, name) {
        Some(Problem::PasswordTooCommon)
    } else {
        None
    }
}

/// A normalised email address, or why it is not one.
pub fn normalise_email(raw: &str) -> Result<String, Problem> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    if email.len() > 254 {
        return Err(Problem::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Problem::InvalidEmail);
    };
    let ok = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
        && email
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\\\"".contains(c));
    if ok {
        Ok(email)
    } else {
        Err(Problem::InvalidEmail)
    }
}

/// A required one-line text of at most `max` characters, trimmed.
pub(crate) fn required(
    field: &str,
    value: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError {
            field: field.into(),
            problem: Problem::Required,
        });
    } else if v.chars().count() > max || v.chars().any(char::is_control) {
        errors.push(FieldError {
            field: field.into(),
            problem: Problem::TooLong,
        });
    }
    v.to_string()
}

/// A Swedish organisation number: ten digits, optionally with a dash after the sixth.
pub fn normalise_org_number(raw: &str) -> Result<Option<String>, Problem> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let digits: String = v.chars().filter(|c| *c != '-').collect();
    if digits.len() == 10
        && digits.chars().all(|c| c.is_ascii_digit())
        && v.chars().filter(|c| *c == '-').count() <= 1
    {
        Ok(Some(format!("{}-{}", &digits[..6], &digits[6..])))
    } else {
        Err(Problem::InvalidOrgNumber)
    }
}

/// What a person types to register.
#[derive(Clone, Debug, Default)]
pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
    pub organisation: String,
    pub kind: String,
    pub city: String,
    pub org_number: String,
    pub language: Lang,
}

pub(super) struct ValidRegistration {
    pub name: String,
    pub email: String,
    pub org: OrganisationProfile,
}

pub(super) fn validate(r: &Registration) -> Result<ValidRegistration, AppError> {
    let mut errors = Vec::new();
    let name = required("name", &r.name, 200, &mut errors);
    let email = normalise_email(&r.email).unwrap_or_else(|problem| {
        errors.push(FieldError {
            field: "email".into(),
            problem,
        });
        String::new()
    });
    if let Some(problem) = check_password(&r.password, &email, &name) {
        errors.push(FieldError {
            field: "password".into(),
            problem,
        });
    }
    let org = validate_organisation(
        "organisation",
        &r.organisation,
        &r.kind,
        &r.city,
        &r.org_number,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(ValidRegistration { name, email, org })
}

/// An organisation's profile as checked input.
pub(crate) struct OrganisationProfile {
    pub name: String,
    pub kind: String,
    pub city: Option<String>,
    pub org_number: Option<String>,
}

/// Checks an organisation's profile; `name_field` is the form's name for the name field.
pub(crate) fn validate_organisation(
    name_field: &str,
    name: &str,
    kind: &str,
    city: &str,
    org_number: &str,
    errors: &mut Vec<FieldError>,
) -> OrganisationProfile {
    let name = required(name_field, name, 200, errors);
    if !ORGANISATION_KINDS.contains(&kind) {
        errors.push(FieldError {
            field: "kind".into(),
            problem: Problem::InvalidChoice,
        });
    }
    let city = city.trim();
    if city.chars().count() > 100 || city.chars().any(char::is_control) {
        errors.push(FieldError {
            field: "city".into(),
            problem: Problem::TooLong,
        });
    }
    let org_number = normalise_org_number(org_number).unwrap_or_else(|problem| {
        errors.push(FieldError {
            field: "org_number".into(),
            problem,
        });
        None
    });
    OrganisationProfile {
        name,
        kind: kind.to_string(),
        city: (!city.is_empty()).then(|| city.to_string()),
        org_number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("  Anna.Berg@Mora.SE "),
            Ok("anna.berg@mora.se".into())
        );
        assert_eq!(normalise_email(""), Err(Problem::Required));
        for bad in [
            "anna",
            "anna@",
            "@mora.se",
            "anna@mora",
            "anna@@mora.se",
            "an na@mora.se",
            "anna@mora..se",
            "<a>@b.se",
        ] {
            assert_eq!(normalise_email(bad), Err(Problem::InvalidEmail), "{bad}");
        }
        assert_eq!(
            normalise_email(&format!("{}@x.se", "a".repeat(300))),
            Err(Problem::TooLong)
        );
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert_eq!(
            check_password("kort", "a@b.se", "A"),
            Some(Problem::PasswordTooShort)
        );
        assert_eq!(
            check_password(&"x".repeat(129), "a@b.se", "A"),
            Some(Problem::PasswordTooLong)
        );
        assert_eq!(
            check_password("Password1234", "a@b.se", "A"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_password("aaaaaaaaaaaaaa", "a@b.se", "A"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_password("345678901234", "a@b.se", "A"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_password("annaberg2026!", "annaberg@mora.se", "Anna Berg"),
            Some(Problem::PasswordTooCommon)
        );
        assert_eq!(check_password("lingon-cykel-fjäll-7", "a@b.se", "A"), None);
        // Length counts characters, not bytes.
        assert_eq!(
            check_password("åäöåäöåäöåä", "a@b.se", "A"),
            Some(Problem::PasswordTooShort)
        );
    }

    #[test]
    fn organisation_numbers_are_ten_digits() {
        assert_eq!(normalise_org_number(""), Ok(None));
        assert_eq!(
            normalise_org_number("2021000001"),
            Ok(Some("202100-0001".into()))
        );
        assert_eq!(
            normalise_org_number(" 202100-0001 "),
            Ok(Some("202100-0001".into()))
        );
        assert_eq!(
            normalise_org_number("20210-00001-"),
            Err(Problem::InvalidOrgNumber)
        );
        assert_eq!(normalise_org_number("abc"), Err(Problem::InvalidOrgNumber));
    }

    #[test]
    fn registration_reports_every_bad_field() {
        let err = validate(&Registration {
            kind: "bank".into(),
            org_number: "1".into(),
            ..Default::default()
        })
        .err()
        .unwrap();
        for (field, problem) in [
            ("name", Problem::Required),
            ("email", Problem::Required),
            ("password", Problem::PasswordTooShort),
            ("organisation", Problem::Required),
            ("kind", Problem::InvalidChoice),
            ("org_number", Problem::InvalidOrgNumber),
        ] {
            assert_eq!(err.field(field), Some(problem), "{field}");
        }
    }
}
