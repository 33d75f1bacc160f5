//! User-interface strings in Swedish (default) and English.
//!
//! A typed table: every string is a field of [`Strings`], so a string missing in one language is
//! a compile error rather than a blank on the page.
use serde::{Deserialize, Serialize};

pub mod audit;
pub mod dashboard;
pub mod dossier;
mod en;
pub mod entries;
pub mod europe;
pub mod events;
pub mod feedback;
pub mod gdpr;
pub mod jury;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod mail_texts;
pub mod messages;
pub mod privacy;
pub mod publication;
pub mod rounds;
pub mod shortlist;
mod sv;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        self.pick("sv", "en")
    }

    /// Of two things, one in Swedish and one in English, the one in this language.
    pub fn pick<T>(self, sv: T, en: T) -> T {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// `en` is English; anything else is Swedish, the default.
    pub fn from_code(code: &str) -> Lang {
        if code == "en" { Lang::En } else { Lang::Sv }
    }

    pub fn t(self) -> &'static Strings {
        self.pick(&sv::SV, &en::EN)
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    /// The language a URL path is in: English under `/en`, Swedish everywhere else.
    pub fn from_path(path: &str) -> Lang {
        if path == "/en" || path.starts_with("/en/") {
            Lang::En
        } else {
            Lang::Sv
        }
    }

    /// The language-neutral part of a path: `/en/news` and `/news` both give `/news`.
    pub fn neutral_path(path: &str) -> &str {
        match Lang::from_path(path) {
            Lang::En => match &path[3..] {
                "" => "/",
                rest => rest,
            },
            Lang::Sv => path,
        }
    }

    /// A link to a language-neutral path (starting with `/`) in this language.
    pub fn href(self, path: &str) -> String {
        match (self, path) {
            (Lang::Sv, p) => p.to_string(),
            (Lang::En, "/") => "/en".to_string(),
            (Lang::En, p) => format!("/en{p}"),
        }
    }

    /// `2022-08-19` as "19 augusti 2022" or "19 August 2022". Anything else is returned as is.
    pub fn date(self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return iso.to_string();
        };
        let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>()) else {
            return iso.to_string();
        };
        match self.t().months.get(m.wrapping_sub(1)) {
            Some(month) => format!("{d} {month} {y}"),
            None => iso.to_string(),
        }
    }

    /// "19 augusti 2022 kl. 23.59" / "19 August 2022 at 23:59".
    pub fn date_time(self, iso_date: &str, hh_mm: &str) -> String {
        match self {
            Lang::Sv => format!("{} {}", self.date(iso_date), self.time(hh_mm)),
            Lang::En => format!("{} at {hh_mm}", self.date(iso_date)),
        }
    }

    /// A number with `places` decimals as each language writes it: "1 234,50" in Swedish (a
    /// decimal comma, a no-break space between thousands, a minus sign), "1,234.50" in English.
    pub fn decimal(self, x: f64, places: usize) -> String {
        let digits = format!("{:.*}", places, x.abs());
        let (int, frac) = digits.split_once('.').unwrap_or((digits.as_str(), ""));
        let (group, point, minus) = match self {
            Lang::Sv => ('\u{a0}', ',', '\u{2212}'),
            Lang::En => (',', '.', '-'),
        };
        let mut out = String::with_capacity(digits.len() + 4);
        if x < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            out.push(minus);
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }

    /// A file size: "2,5 MB" / "2.5 MB" from a mebibyte up, whole kilobytes below.
    pub fn size(self, bytes: i64) -> String {
        const MB: i64 = 1024 * 1024;
        if bytes >= MB {
            format!("{}\u{a0}MB", self.decimal(bytes as f64 / MB as f64, 1))
        } else {
            format!(
                "{}\u{a0}kB",
                self.decimal(((bytes + 1023) / 1024) as f64, 0)
            )
        }
    }

    /// The CSV dialect a download link of this language asks for: Swedish Excel's semicolons,
    /// or commas in English (`backend::exports::Dialect`).
    pub fn csv_dialect(self) -> &'static str {
        match self {
            Lang::Sv => "semicolon",
            Lang::En => "comma",
        }
    }

    /// A time of day, `HH:MM`, as each language writes it alone: "kl. 20.37" / "20:37".
    pub fn time(self, hh_mm: &str) -> String {
        match self {
            Lang::Sv => format!("kl. {}", hh_mm.replace(':', ".")),
            Lang::En => hh_mm.to_string(),
        }
    }

    /// Time left until a deadline, to the minute: "3 dagar, 4 timmar och 5 minuter".
    pub fn duration(self, seconds: i64) -> String {
        let minutes = seconds.max(0) / 60;
        let (d, h, m) = (minutes / 1440, (minutes / 60) % 24, minutes % 60);
        let t = self.t();
        let unit =
            |n: i64, forms: (&str, &str)| format!("{n} {}", if n == 1 { forms.0 } else { forms.1 });
        let mut parts = Vec::new();
        if d > 0 {
            parts.push(unit(d, t.unit_day));
        }
        if d > 0 || h > 0 {
            parts.push(unit(h, t.unit_hour));
        }
        parts.push(unit(m, t.unit_minute));
        match parts.len() {
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} {} {last}", parts.join(", "), t.and)
            }
        }
    }
}

/// One language's interface strings.
pub struct Strings {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_archive: &'static str,
    pub nav_news: &'static str,
    pub nav_events: &'static str,
    /// The name of the other language, written in that language.
    pub other_language: &'static str,
    pub switch_language: &'static str,
    pub footer_about: &'static str,
    /// The privacy notice: its title, its link in the footer, and its link under a form.
    pub privacy_title: &'static str,
    pub privacy_link: &'static str,
    pub privacy_note: &'static str,
    pub only_in_swedish: &'static str,
    pub loading: &'static str,

    pub home_title: &'static str,
    pub home_description: &'static str,
    pub home_intro: &'static str,
    pub home_current: &'static str,
    pub home_no_competition: &'static str,
    pub home_latest_news: &'static str,
    pub home_events: &'static str,
    pub read_more_about_year: &'static str,
    pub winner_label: &'static str,

    pub theme: &'static str,
    pub phase: &'static str,
    pub phases: [&'static str; 8],
    pub opens: &'static str,
    pub deadline: &'static str,
    pub deadline_passed: &'static str,
    pub time_left: &'static str,
    pub who_may_apply: &'static str,
    pub prize: &'static str,
    pub european_final: &'static str,

    pub competition_title: &'static str,
    pub competition_description: &'static str,
    pub results: &'static str,
    pub results_not_published: &'static str,
    pub winner: &'static str,
    pub about_winner: &'static str,
    pub jury_motivation: &'static str,
    pub european_placement: &'static str,
    pub european_result: &'static str,
    pub runner_up: &'static str,
    pub mention: &'static str,
    pub other_entries: &'static str,
    pub organisation: &'static str,
    pub related_news: &'static str,
    pub related_events: &'static str,

    pub archive_title: &'static str,
    pub archive_description: &'static str,
    pub archive_intro: &'static str,
    pub archive_entries: &'static str,
    pub archive_no_results: &'static str,

    pub news_title: &'static str,
    pub news_description: &'static str,
    pub news_empty: &'static str,
    pub press_release: &'static str,
    pub news_item: &'static str,
    pub published: &'static str,
    pub back_to_news: &'static str,

    pub events_title: &'static str,
    pub events_description: &'static str,
    pub events_empty: &'static str,
    pub when: &'static str,
    pub speakers: &'static str,
    pub moderator: &'static str,
    pub watch_recording: &'static str,
    pub back_to_events: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_internal: &'static str,
    pub error_bad_request: &'static str,
    pub error_unavailable: &'static str,
    pub go_home: &'static str,
    pub error_invalid: &'static str,
    pub error_credentials: &'static str,
    pub error_token: &'static str,
    pub error_unauthenticated: &'static str,
    pub error_forbidden: &'static str,
    pub problem_required: &'static str,
    pub problem_too_long: &'static str,
    pub problem_invalid_email: &'static str,
    pub problem_password_short: &'static str,
    pub problem_password_long: &'static str,
    pub problem_password_common: &'static str,
    pub problem_invalid_choice: &'static str,
    pub problem_org_number: &'static str,

    pub nav_login: &'static str,
    pub nav_account: &'static str,
    pub register_title: &'static str,
    pub register_description: &'static str,
    pub register_intro: &'static str,
    pub register_person: &'static str,
    pub register_org: &'static str,
    pub field_name: &'static str,
    pub field_email: &'static str,
    pub field_password: &'static str,
    pub password_hint: &'static str,
    pub field_organisation: &'static str,
    pub field_kind: &'static str,
    pub field_city: &'static str,
    pub field_org_number: &'static str,
    pub optional: &'static str,
    pub register_submit: &'static str,
    pub register_sent_title: &'static str,
    pub register_sent_text: &'static str,
    pub login_title: &'static str,
    pub login_description: &'static str,
    pub login_submit: &'static str,
    pub login_no_account: &'static str,
    pub logout: &'static str,
    pub account_title: &'static str,
    pub account_verified: &'static str,
    pub account_unverified: &'static str,
    pub account_roles: &'static str,
    pub account_organisations: &'static str,
    pub verify_title: &'static str,
    pub verify_ok: &'static str,
    pub sending: &'static str,
    pub kinds: [&'static str; 8],
    pub roles: [&'static str; 5],
    pub error_rate_limited: &'static str,
    pub error_too_many_mails: &'static str,
    pub error_last_member: &'static str,
    pub error_own_account: &'static str,
    pub error_nothing_left: &'static str,
    pub error_no_closing_date: &'static str,
    pub error_already_member: &'static str,
    pub error_email_taken: &'static str,
    pub problem_wrong_password: &'static str,
    pub forgot_link: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub forgot_submit: &'static str,
    pub forgot_sent_text: &'static str,
    pub reset_title: &'static str,
    pub reset_submit: &'static str,
    pub field_current_password: &'static str,
    pub field_new_password: &'static str,
    pub field_new_email: &'static str,
    pub change_password_title: &'static str,
    pub change_password_done: &'static str,
    pub change_email_title: &'static str,
    pub change_email_submit: &'static str,
    pub change_email_sent: &'static str,
    pub confirm_email_title: &'static str,
    pub confirm_email_ok: &'static str,
    pub organisation_title: &'static str,
    pub organisation_profile: &'static str,
    pub no_organisation: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub members: &'static str,
    pub invitations: &'static str,
    pub invite_title: &'static str,
    pub invite_submit: &'static str,
    pub invite_sent: &'static str,
    pub resend: &'static str,
    pub revoke: &'static str,
    pub leave: &'static str,
    pub invitation_title: &'static str,
    pub invitation_intro: &'static str,
    pub invitation_has_account: &'static str,
    pub invitation_accept: &'static str,
    pub nav_admin: &'static str,
    pub admin_users_title: &'static str,
    pub admin_search_label: &'static str,
    pub search: &'static str,
    pub status_active: &'static str,
    pub status_inactive: &'static str,
    pub deactivate: &'static str,
    pub activate: &'static str,
    pub admin_mail_title: &'static str,
    pub recipient: &'static str,
    pub subject: &'static str,
    pub status: &'static str,
    pub attempts: &'static str,
    pub last_error: &'static str,
    pub queued: &'static str,
    pub sent: &'static str,
    pub failed: &'static str,
    pub all: &'static str,
    pub invitation_statuses: [&'static str; 4],
    pub gdpr_title: &'static str,
    pub gdpr_link: &'static str,
    pub gdpr_intro: &'static str,
    pub field_language: &'static str,
    pub account_created: &'static str,
    pub address_verified: &'static str,
    pub mails_to_you: &'static str,
    pub invitations_sent: &'static str,
    pub failed_logins: &'static str,
    pub none: &'static str,
    pub delete_title: &'static str,
    pub delete_intro: &'static str,
    pub delete_submit: &'static str,
    pub problem_wrong_code: &'static str,
    pub error_two_factor_on: &'static str,
    pub two_factor_title: &'static str,
    pub two_factor_on: &'static str,
    pub two_factor_off: &'static str,
    pub two_factor_setup: &'static str,
    pub two_factor_intro: &'static str,
    pub two_factor_key: &'static str,
    pub two_factor_confirm: &'static str,
    pub two_factor_disable: &'static str,
    pub field_code: &'static str,
    pub code_hint: &'static str,
    pub recovery_title: &'static str,
    pub recovery_intro: &'static str,
    pub roles_on_hold: &'static str,
    pub login_code_title: &'static str,
    pub login_code_intro: &'static str,
    pub error_unverified: &'static str,
    pub months: [&'static str; 12],
    pub unit_day: (&'static str, &'static str),
    pub unit_hour: (&'static str, &'static str),
    pub unit_minute: (&'static str, &'static str),
    pub and: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_between_languages() {
        assert_eq!(Lang::from_path("/"), Lang::Sv);
        assert_eq!(Lang::from_path("/en"), Lang::En);
        assert_eq!(Lang::from_path("/en/news"), Lang::En);
        assert_eq!(Lang::from_path("/energy"), Lang::Sv);
        assert_eq!(Lang::neutral_path("/en"), "/");
        assert_eq!(
            Lang::neutral_path("/en/competitions/2022"),
            "/competitions/2022"
        );
        assert_eq!(Lang::neutral_path("/archive"), "/archive");
        assert_eq!(Lang::En.href("/"), "/en");
        assert_eq!(Lang::En.href("/news"), "/en/news");
        assert_eq!(Lang::Sv.href("/news"), "/news");
    }

    #[test]
    fn numbers_and_sizes_are_written_per_language() {
        assert_eq!(Lang::Sv.decimal(4.0, 2), "4,00");
        assert_eq!(Lang::En.decimal(4.0, 2), "4.00");
        assert_eq!(Lang::Sv.decimal(1234567.891, 2), "1\u{a0}234\u{a0}567,89");
        assert_eq!(Lang::En.decimal(1234567.891, 2), "1,234,567.89");
        assert_eq!(Lang::Sv.decimal(-0.75, 2), "\u{2212}0,75");
        assert_eq!(Lang::En.decimal(-0.75, 2), "-0.75");
        assert_eq!(Lang::Sv.decimal(-0.001, 2), "0,00", "no minus on a zero");
        assert_eq!(Lang::Sv.decimal(999.0, 0), "999");
        assert_eq!(Lang::Sv.size(2_621_440), "2,5\u{a0}MB");
        assert_eq!(Lang::En.size(2_621_440), "2.5\u{a0}MB");
        assert_eq!(Lang::Sv.size(1500), "2\u{a0}kB");
        assert_eq!(Lang::Sv.time("20:37"), "kl. 20.37");
        assert_eq!(Lang::En.time("20:37"), "20:37");
    }

    #[test]
    fn dates_are_written_out_per_language() {
        assert_eq!(Lang::Sv.date("2022-08-19"), "19 augusti 2022");
        assert_eq!(Lang::En.date("2022-12-01"), "1 December 2022");
        assert_eq!(
            Lang::Sv.date_time("2022-08-19", "23:59"),
            "19 augusti 2022 kl. 23.59"
        );
        assert_eq!(
            Lang::En.date_time("2022-08-19", "23:59"),
            "19 August 2022 at 23:59"
        );
        assert_eq!(Lang::Sv.date("2022-13-01"), "2022-13-01");
        assert_eq!(Lang::Sv.date("garbage"), "garbage");
    }

    #[test]
    fn durations_use_singular_and_plural() {
        assert_eq!(Lang::Sv.duration(59), "0 minuter");
        assert_eq!(Lang::En.duration(60), "1 minute");
        assert_eq!(Lang::Sv.duration(3600 + 120), "1 timme och 2 minuter");
        assert_eq!(
            Lang::En.duration(2 * 86400 + 3600 + 60),
            "2 days, 1 hour and 1 minute"
        );
        assert_eq!(Lang::En.duration(86400), "1 day, 0 hours and 0 minutes");
        assert_eq!(Lang::Sv.duration(-5), "0 minuter");
    }

    #[test]
    fn every_string_is_filled_in_both_languages() {
        // The struct guarantees presence; this guards against empty placeholders.
        for lang in Lang::ALL {
            let t = lang.t();
            for s in t.phases.iter().chain(t.months.iter()) {
                assert!(!s.trim().is_empty(), "{lang:?} has an empty phase or month");
            }
            assert_ne!(t.site_name, "");
            assert_ne!(t.not_found_text, "");
        }
        assert_ne!(Lang::Sv.t().nav_archive, Lang::En.t().nav_archive);
    }
}
