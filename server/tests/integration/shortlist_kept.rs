//! The shortlist's advancement that a save refused is kept for the chair or organiser who sent
//! it: refused for what it said, the form shows it again, ticks and all; refused because the
//! shortlist was decided or judging was over, the page lists it with why, until it is
//! discarded. Over HTTP without scripts, on SQLite and PostgreSQL.

use crate::common::{discard_twice, on_each_backend, page_text};
use crate::people::signed_in;
use crate::shortlist::shortlist_served;
use crate::unsaved::kept_texts;
use app::backend::accounts::Actor;
use app::backend::jury as judging;
use app::backend::unsaved::{self, UnsavedForm, Whose};
use app::model::{AdvanceForm, RoundRef};
use chrono::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_advancement_comes_back_in_the_form_or_is_listed_until_it_is_settled() {
    on_each_backend(|db, name| async move {
        let (j, s, now) = shortlist_served(&db).await;
        let page = format!("/jury/{}/shortlist", j.year);
        let url = format!("{}{page}", s.base);
        let year = j.year.to_string();
        let chair = signed_in(&s, "chair@bra.se").await;
        let admin = signed_in(&s, "admin@bra.se").await;
        let j2 = signed_in(&s, "j2@bra.se").await;
        let (e1, e2, e3) = (j.entries[1], j.entries[2], j.entries[3]);
        // Sends the choice of `ticked` with `reason`, as the form posts it.
        let send = |client: &reqwest::Client, ticked: &[i32], reason: &str| {
            let mut fields: Vec<(String, String)> = vec![
                ("year".into(), year.clone()),
                ("how".into(), "chosen".into()),
                ("top".into(), String::new()),
                ("reason".into(), reason.into()),
            ];
            for (i, e) in ticked.iter().enumerate() {
                fields.push((format!("chosen[{i}]"), e.to_string()));
            }
            let (s, page, client) = (&s, page.clone(), client.clone());
            async move {
                let fields: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                s.submit(&client, "/api/advance_shortlist", &page, &fields)
                    .await
            }
        };
        let kept = async |who: &Actor| {
            let whose = Whose::of(who, j.round, UnsavedForm::Advancement);
            unsaved::kept::<AdvanceForm, _>(&db, whose)
                .await
                .unwrap()
                .map(|k| k.fields)
        };
        // The form's box for entry `e` is ticked.
        let ticked = |text: &str, e: i32| {
            let tag = format!("id=\"advance-{e}\"");
            text.split(&tag)
                .nth(1)
                .and_then(|rest| rest.split('>').next())
                .is_some_and(|attrs| attrs.contains(" checked"))
        };
        let chosen_how = "id=\"advance-chosen\" name=\"how\" value=\"chosen\" checked";
        let short = "De två har tydligast förankring i forskningen.";
        let long = format!(
            "{short} {}",
            "De bygger på uppföljda insatser. ".repeat(160)
        );

        // Too long: refused and marked, and the whole choice is back in the form, on the
        // redirect and on every later reading, in both languages. Nothing advanced.
        let (back, text) = send(&chair, &[e1, e2], &long).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(text.contains("Texten är för lång."), "{name}: {text}");
        for text in [text, page_text(&chair, &url).await] {
            assert!(
                text.contains("Formuläret visar valet som du skickade den")
                    && text.contains(long.trim_end())
                    && text.contains(chosen_how)
                    && ticked(&text, e1)
                    && ticked(&text, e2)
                    && !ticked(&text, e3),
                "{name}: {text}"
            );
        }
        let english = page_text(&chair, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("The form shows the choice you sent on"),
            "{name}: {english}"
        );
        let view = |who: Actor| {
            let db = db.clone();
            async move {
                judging::shortlist_view(&db, &who, RoundRef::from(j.year), now)
                    .await
                    .unwrap()
            }
        };
        assert!(view(j.chair.clone()).await.advanced.is_none(), "{name}");
        // Nothing filled in, refused too, keeps what was kept; a juror who may not advance
        // keeps nothing.
        let (back, text) = send(&chair, &[], "").await;
        assert!(
            back.contains("__err") && text.contains(long.trim_end()),
            "{name}"
        );
        send(&j2, &[e1], short).await;
        assert_eq!(kept(&j.j2).await, None, "{name}");
        // The organiser's own choice, without a reason, is theirs alone.
        send(&admin, &[e3], "").await;
        let text = page_text(&chair, &url).await;
        assert!(ticked(&text, e1) && !ticked(&text, e3), "{name}");

        // Corrected and sent: advanced, and the chair's copy settled; the organiser's, refused
        // for what it said, is listed now the form is gone, with why.
        let (back, text) = send(&chair, &[e1, e2], short).await;
        assert!(!back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Bidragen har gått vidare till full bedömning.")
                && !text.contains("Formuläret visar valet"),
            "{name}: {text}"
        );
        assert_eq!(kept(&j.chair).await, None, "{name}");
        assert!(view(j.chair.clone()).await.advanced.is_some(), "{name}");
        let text = page_text(&admin, &url).await;
        assert!(
            text.contains("Val av bidrag som inte registrerades")
                && text.contains("Något i valet godtogs inte")
                && text.contains("De bidrag jag kryssar i")
                && text.contains("Projekt 3")
                && !text.contains("Låt bidragen gå vidare"),
            "{name}: {text}"
        );

        // Sent again from a page opened before: the shortlist is decided, so it is refused and
        // listed with why, and is in the organiser's personal data.
        let late = "Projekt 3 borde också gå vidare.";
        let (back, text) = send(&admin, &[e3], late).await;
        assert!(back.contains("__err"), "{name}: {back}");
        assert!(
            text.contains("Någon annan avgjorde kortlistan innan ditt val kom fram.")
                && text.contains(late),
            "{name}: {text}"
        );
        let texts = &kept_texts(&db, &j.admin, now).await;
        assert_eq!(
            (
                &texts[0]["form"],
                &texts[0]["reason"],
                &texts[0]["text"]["reason"]
            ),
            (&"shortlist_advance".into(), &"stale".into(), &late.into()),
            "{name}: {texts}"
        );
        let form = [("year", year.as_str())];
        let discard = ("discard_unsaved_advancement", page.as_str(), &form[..]);
        let gone = async || kept(&j.admin).await.is_none();
        discard_twice(&s, &admin, discard, gone, name).await;
        let text = page_text(&admin, &url).await;
        assert!(
            !text.contains(late) && !text.contains("Val av bidrag som inte registrerades"),
            "{name}: {text}"
        );

        // Once judging is over, a choice is refused as too late, and listed with why; the top N
        // it asked for, left empty, shows as a dash.
        s.clock.set(j.deliberation + Duration::hours(1));
        let fields = [
            ("year", year.as_str()),
            ("how", "top"),
            ("top", " "),
            ("reason", late),
        ];
        let (_, text) = s
            .submit(&admin, "/api/advance_shortlist", &page, &fields)
            .await;
        assert!(
            text.contains("Bedömningen var avslutad när valet skickades")
                && text.contains("De främsta efter medelsvar: –")
                && text.contains(late),
            "{name}: {text}"
        );
        let english = page_text(&admin, format!("{}/en{page}", s.base)).await;
        assert!(
            english.contains("Choice of entries that was not recorded")
                && english.contains("Judging was over when the choice was sent"),
            "{name}: {english}"
        );
    })
    .await;
}
