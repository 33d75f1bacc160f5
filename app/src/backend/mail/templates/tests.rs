//! The mail templates' tests: every template in both languages, with every placeholder filled.
use super::*;
use crate::i18n::Lang;

fn when(date: &str, time: &str) -> When {
    When {
        unix: 0,
        date: date.into(),
        time: time.into(),
    }
}

/// One of every template, each leading to `link`.
fn every_template(link: &str) -> Vec<Template> {
    let link = link.to_string();
    vec![
        Template::VerifyEmail {
            name: "Anna".into(),
            link: link.clone(),
        },
        Template::AlreadyRegistered {
            name: "Anna".into(),
            login_link: link.clone(),
        },
        Template::ResetPassword {
            name: "Anna".into(),
            link: link.clone(),
        },
        Template::ConfirmNewEmail {
            name: "Anna".into(),
            link: link.clone(),
        },
        Template::Invitation {
            organisation: "Mora kommun".into(),
            inviter: "Anna".into(),
            link: link.clone(),
        },
        Template::SubmissionReceipt(Receipt {
            name: "Anna".into(),
            title: "Trygg <hemkomst>".into(),
            organisation: "Mora kommun".into(),
            reference: "ECPA-2027-0001".into(),
            year: 2027,
            version: 2,
            submitted: when("2027-08-19", "23:58"),
            attachments: 1,
            link: link.clone(),
        }),
        Template::ScreeningResult {
            title: "Trygg".into(),
            reference: "ECPA-2027-0001".into(),
            eligible: false,
            reason: Some("Utanför temat".into()),
            link: link.clone(),
            round_country: None,
        },
        Template::JuryInvitation {
            year: 2027,
            theme: "Trygga stadsmiljöer".into(),
            jury: JuryOf::Home,
            link: link.clone(),
        },
        Template::JuryReminder {
            name: "Bo".into(),
            year: 2027,
            closes: when("2027-10-01", "12:00"),
            remaining: 3,
            jury: JuryOf::Home,
            link: link.clone(),
        },
        Template::ShortlistReminder {
            name: "Bo".into(),
            year: 2027,
            closes: when("2027-09-10", "12:00"),
            remaining: 2,
            link: link.clone(),
        },
        Template::ShortlistAdvanced {
            name: "Bo".into(),
            year: 2027,
            count: 2,
            link: link.clone(),
        },
        Template::ShortlistTakenBack {
            name: "Bo".into(),
            year: 2027,
            reason: "Fel antal.".into(),
            link: link.clone(),
        },
        Template::DeadlineReminder {
            organisation: "Mora kommun".into(),
            year: 2027,
            deadline: when("2027-08-20", "23:59"),
            drafts: vec!["Trygg (ECPA-2027-0001)".into()],
            round_country: None,
            link: link.clone(),
        },
        Template::ResultsPublished {
            year: 2027,
            title: "Trygg".into(),
            outcome: crate::model::ResultOutcome::Winner,
            link: link.clone(),
            feedback: Some(format!("{link}/feedback")),
        },
        Template::RoundResultsPublished {
            year: 2027,
            country: "NL".into(),
            title: "Veilig thuis".into(),
            outcome: crate::model::ResultOutcome::Winner,
            link: link.clone(),
            feedback: Some(format!("{link}/feedback")),
        },
        Template::FinalResultsPublished {
            year: 2027,
            title: "Safe at home".into(),
            country: "Nederländerna".into(),
            outcome: crate::model::ResultOutcome::RunnerUp,
            link: link.clone(),
            feedback: Some(format!("{link}/feedback")),
        },
        Template::FeedbackReleased {
            year: 2027,
            title: "Trygg".into(),
            link: link.clone(),
        },
        Template::GroupMessage {
            subject: "Utkast kvar".into(),
            body: "Skicka in före fredag.".into(),
            link: link.clone(),
        },
        Template::ConfirmSubscription { link: link.clone() },
        Template::NewsPublished {
            title: "Vinnaren utsedd".into(),
            summary: "Kort".into(),
            link: link.clone(),
            unsubscribe: "https://x/unsubscribe?token=t".into(),
            one_click: "https://x/unsubscribe/one-click?token=t".into(),
        },
        Template::DossierToEucpn {
            year: 2027,
            country: "Sweden".into(),
            title: "Safe at home".into(),
            sender: "Anna".into(),
            link: link.clone(),
            replaces: None,
        },
        Template::DossierToEucpn {
            year: 2027,
            country: "Sweden".into(),
            title: "Risk-reducing interventions".into(),
            sender: "Anna".into(),
            link,
            replaces: Some((
                "Safe at home".into(),
                When {
                    unix: 0,
                    date: "2027-11-02".into(),
                    time: "10:15".into(),
                },
            )),
        },
    ]
}

#[test]
fn every_template_renders_text_and_html_with_its_link_in_both_languages() {
    let link = "https://portal.example/x?token=abc";
    let templates = every_template(link);
    let mut keys: Vec<&str> = templates.iter().map(Template::key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 21, "one of each template");
    // The receipt says what was submitted, when, and escapes what the applicant wrote.
    let receipt = templates[5].render(Lang::Sv, None);
    assert!(receipt.text.contains("Referensnummer: ECPA-2027-0001"));
    assert!(receipt.text.contains("19 augusti 2027 kl. 23.58"));
    assert!(receipt.html.contains("Trygg &lt;hemkomst&gt;<br>"));
    assert!(
        templates[5]
            .render(Lang::En, None)
            .text
            .contains("19 August 2027 at 23:58")
    );
    for t in &templates {
        let (sv, en) = (t.render(Lang::Sv, None), t.render(Lang::En, None));
        // A group message's subject is the organiser's, in the language the service chose.
        if !matches!(t, Template::GroupMessage { .. }) {
            assert_ne!(sv.subject, en.subject, "{}", t.key());
        }
        assert_ne!(sv.text, en.text, "{}", t.key());
        for r in [&sv, &en] {
            assert!(
                r.text.contains(link) && r.html.contains(link),
                "{}",
                t.key()
            );
            assert!(!r.subject.is_empty() && r.text.len() > 100, "{}", t.key());
            assert!(r.html.starts_with("<!DOCTYPE html>"));
        }
        assert!(sv.html.contains("lang=\"sv\"") && en.html.contains("lang=\"en\""));
    }
}

#[test]
fn every_placeholder_in_the_words_of_every_mail_is_filled() {
    use crate::model::ResultOutcome as O;
    let mut templates = every_template("https://x/y");
    // every_template has the winner and the ineligible screening; these are the others.
    for outcome in [O::RunnerUp, O::Mention, O::NotAwarded, O::Ineligible] {
        templates.push(Template::ResultsPublished {
            year: 2027,
            title: "Trygg".into(),
            outcome,
            link: "https://x/y".into(),
            feedback: (outcome != O::Ineligible).then(|| "https://x/y/feedback".into()),
        });
    }
    for outcome in [O::RunnerUp, O::Mention, O::NotAwarded, O::Ineligible] {
        templates.push(Template::RoundResultsPublished {
            year: 2027,
            country: "NL".into(),
            title: "Safe streets".into(),
            outcome,
            link: "https://x/y".into(),
            feedback: (outcome != O::Ineligible).then(|| "https://x/y/feedback".into()),
        });
    }
    for jury in [JuryOf::Final, JuryOf::Round("IE".into())] {
        templates.push(Template::JuryInvitation {
            year: 2027,
            theme: "Safe cities".into(),
            jury,
            link: "https://x/y".into(),
        });
    }
    for jury in [JuryOf::Final, JuryOf::Round("NL".into())] {
        templates.push(Template::JuryReminder {
            name: "Bo".into(),
            year: 2027,
            closes: when("2027-10-20", "12:00"),
            remaining: 2,
            jury,
            link: "https://x/y".into(),
        });
    }
    templates.push(Template::DeadlineReminder {
        organisation: "Gemeente Utrecht".into(),
        year: 2027,
        deadline: when("2027-08-20", "23:59"),
        drafts: vec!["Lit streets (ECPA-2027-NL-0001)".into()],
        round_country: Some("NL".into()),
        link: "https://x/y".into(),
    });
    for outcome in [O::Winner, O::NotAwarded] {
        templates.push(Template::FinalResultsPublished {
            year: 2027,
            title: "Safe at home".into(),
            country: "Sweden".into(),
            outcome,
            link: "https://x/y".into(),
            feedback: (outcome != O::Ineligible).then(|| "https://x/y/feedback".into()),
        });
    }
    templates.push(Template::ScreeningResult {
        title: "Trygg".into(),
        reference: "ECPA-2027-0001".into(),
        eligible: true,
        reason: None,
        link: "https://x/y".into(),
        round_country: None,
    });
    for eligible in [true, false] {
        templates.push(Template::ScreeningResult {
            title: "Lit streets".into(),
            reference: "ECPA-2027-NL-0001".into(),
            eligible,
            reason: (!eligible).then(|| "Off the theme".into()),
            link: "https://x/y".into(),
            round_country: Some("NL".into()),
        });
    }
    let mut bodies = std::collections::HashSet::new();
    for t in &templates {
        for lang in Lang::ALL {
            let r = t.render(lang, None);
            for part in [&r.subject, &r.text, &r.html] {
                assert!(
                    !part.contains('{') && !part.contains('}'),
                    "{}: {part}",
                    t.key()
                );
            }
            // Typographic quotes and apostrophes: ”…” in Swedish, “…” and ’ in English. The
            // HTML's own attributes are the only straight quotes.
            for part in [&r.subject, &r.text] {
                assert!(
                    !part.contains('"') && !part.contains('\''),
                    "{} ({lang:?}): {part}",
                    t.key()
                );
            }
            if matches!(
                t,
                Template::ResultsPublished { .. }
                    | Template::RoundResultsPublished { .. }
                    | Template::FinalResultsPublished { .. }
                    | Template::ScreeningResult { .. }
            ) {
                let quoted = lang.pick("”", "“");
                assert!(r.text.contains(quoted), "{}: {}", t.key(), r.text);
            }
            if let Template::ResultsPublished { .. } = t {
                assert!(r.text.contains("2027") && r.text.contains("Trygg"));
            }
            // The outcome of an entry the jury judged links to its feedback as well; an entry
            // not judged has none.
            match t.feedback_link() {
                Some(link) => assert!(
                    r.text
                        .contains(&format!("{}: {link}", lang.mail().feedback_link))
                        && r.html.contains(&format!("href=\"{link}\"")),
                    "{}",
                    r.text
                ),
                None => assert!(!r.text.contains("/feedback"), "{}", r.text),
            }
            if let Template::ScreeningResult {
                round_country: Some(_),
                ..
            } = t
            {
                let words = r.text.split("\n-- \n").next().unwrap_or_default();
                assert!(
                    words.contains(lang.pick("Nederländerna", "the Netherlands")),
                    "{words}"
                );
                assert!(
                    !words.contains("Brå")
                        && !r.subject.contains("Sverige")
                        && !r.subject.contains("Sweden")
                );
            }
            // A reminder of another round than the home country's names that round, not
            // Sweden's.
            let round = match t {
                Template::JuryReminder {
                    jury: JuryOf::Final,
                    ..
                } => Some(lang.pick("europeiska finalen", "European final")),
                Template::JuryReminder {
                    jury: JuryOf::Round(_),
                    ..
                }
                | Template::DeadlineReminder {
                    round_country: Some(_),
                    ..
                } => Some(lang.pick("Nederländerna", "the Netherlands")),
                _ => None,
            };
            if let Some(round) = round {
                assert!(
                    r.subject.contains(round)
                        && r.text.contains(round)
                        && !r.subject.contains("Sverige")
                        && !r.subject.contains("Sweden"),
                    "{}: {} {}",
                    t.key(),
                    r.subject,
                    r.text
                );
            }
            if let Template::RoundResultsPublished { .. } = t {
                let country = lang.pick("Nederländerna", "the Netherlands");
                assert!(
                    r.text.contains(country) && r.subject.contains(country),
                    "{}",
                    r.subject
                );
                // The words are the round's own; only the portal's signature is Brå's.
                let words = r.text.split("\n-- \n").next().unwrap_or_default();
                assert!(
                    !words.contains("Brå") && !words.contains("Sverige") && !words.contains("Swed")
                );
            }
            if let Template::JuryInvitation {
                jury: JuryOf::Round(_),
                ..
            } = t
            {
                let words = r.text.split("\n-- \n").next().unwrap_or_default();
                assert!(words.contains(lang.pick("Irland", "Ireland")) && !words.contains("Brå"));
            }
            bodies.insert(r.text);
        }
    }
    assert_eq!(bodies.len(), 2 * templates.len(), "each mail says its own");
}

#[test]
fn templates_render_in_both_languages_and_escape_names() {
    let t = Template::VerifyEmail {
        name: "<b>Anna</b>".into(),
        link: "https://x/verify?token=a&b".into(),
    };
    let sv = t.render(Lang::Sv, None);
    let en = t.render(Lang::En, None);
    assert!(sv.subject.starts_with("Bekräfta") && en.subject.starts_with("Confirm"));
    assert!(sv.text.contains("https://x/verify?token=a&b"));
    assert!(!sv.html.contains("<b>Anna</b>") && sv.html.contains("&lt;b&gt;Anna"));
    assert!(en.html.contains("href=\"https://x/verify?token=a&amp;b\""));
}

#[test]
fn an_organisers_group_message_is_sent_in_their_own_words_braces_and_all() {
    let t = Template::GroupMessage {
        subject: "Utkast {year}".into(),
        body: "Hej {name}!\n\nSkicka in <snart>.".into(),
        link: "https://x/entries".into(),
    };
    let r = t.render(Lang::Sv, None);
    assert_eq!(r.subject, "Utkast {year} – ECPA");
    assert!(
        r.text.contains("Hej {name}!\n\nSkicka in <snart>."),
        "{}",
        r.text
    );
    assert!(
        r.html.contains("<p>Skicka in &lt;snart&gt;.</p>"),
        "{}",
        r.html
    );
    assert!(r.text.contains("Till portalen: https://x/entries"));
}

#[test]
fn a_year_s_own_words_replace_the_subject_and_main_text_only() {
    use crate::model::MailKey;
    for key in MailKey::ALL {
        let t = sample(key, 2027, "https://ecpa.example");
        assert_eq!(t.mail_key(), Some(key));
        for lang in [Lang::Sv, Lang::En] {
            let placeholder = t.placeholders(lang)[0];
            let own = OwnWords {
                subject: format!("Eget ämne {{{placeholder}}}"),
                body: format!("Egen text: {{{placeholder}}}."),
            };
            let (portal_subject, portal_text) = t.preview(lang, None);
            let (subject, text) = t.preview(lang, Some(&own));
            assert_ne!(portal_subject, subject);
            assert!(
                subject.starts_with("Eget ämne ") && !subject.contains('{'),
                "{key:?}: {subject}"
            );
            assert!(
                text.contains("Egen text: ") && !text.contains('{'),
                "{key:?}: {text}"
            );
            assert_ne!(text, portal_text);
            // The greeting, the link and the signature stay the portal's.
            assert_eq!(text.lines().next(), portal_text.lines().next(), "{key:?}");
            assert!(text.contains("https://ecpa.example"), "{key:?}");
            assert_eq!(text.lines().last(), portal_text.lines().last(), "{key:?}");
        }
    }
    // The final's, a hosted round's and the account mails keep the portal's words.
    let final_jury = Template::JuryInvitation {
        year: 2027,
        theme: "T".into(),
        jury: JuryOf::Final,
        link: "https://x".into(),
    };
    assert_eq!(final_jury.mail_key(), None);
    let hosted = Template::ScreeningResult {
        title: "T".into(),
        reference: "R".into(),
        eligible: true,
        reason: None,
        link: "https://x".into(),
        round_country: Some("NL".into()),
    };
    assert_eq!(hosted.mail_key(), None);
    let verify = Template::VerifyEmail {
        name: "Anna".into(),
        link: "https://x".into(),
    };
    assert_eq!(verify.mail_key(), None);
}
