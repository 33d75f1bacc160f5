//! Organisations, invitations, password reset, rate limits and the admin's tools, over HTTP,
//! and what one organisation's members see of another's.

use crate::common::{TestServer, at, on_each_backend};
use app::backend::accounts::{self, Registration};
use app::backend::entities::{app_user, mail_outbox, organisation_member, user_role};
use app::i18n::Lang;
use app::model::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub(crate) const PASSWORD: &str = "lingon-cykel-fjäll-7";

/// Registers and verifies a person with their own organisation, and gives them `roles`.
pub(crate) async fn person(
    db: &DatabaseConnection,
    email: &str,
    organisation: Option<&str>,
    roles: &[Role],
) -> i32 {
    let now = at(2026, 11, 25, 9, 0);
    accounts::register(
        db,
        Registration {
            name: format!("Person {email}"),
            email: email.into(),
            password: PASSWORD.into(),
            organisation: organisation.unwrap_or("Tillfällig").into(),
            kind: "municipality".into(),
            language: Lang::Sv,
            ..Default::default()
        },
        crate::common::FIXTURE,
        now,
        "http://x",
    )
    .await
    .unwrap();
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut u: app_user::ActiveModel = user.clone().into();
    u.email_verified_at = Set(Some(now));
    u.update(db).await.unwrap();
    if organisation.is_none() {
        organisation_member::Entity::delete_many()
            .filter(organisation_member::Column::UserId.eq(user.id))
            .exec(db)
            .await
            .unwrap();
    }
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user.id))
        .exec(db)
        .await
        .unwrap();
    for role in roles {
        user_role::ActiveModel {
            user_id: Set(user.id),
            role: Set(role.code().into()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    user.id
}

/// `client` (a member of the organisation) invites a colleague; returns the invitation's id.
pub(crate) async fn org_invitation(
    db: &DatabaseConnection,
    s: &TestServer,
    client: &reqwest::Client,
    org: &str,
) -> String {
    let (status, _) = s
        .call(
            client,
            "invite",
            &[("organisation_id", org), ("email", "kollega@mora.se")],
        )
        .await;
    assert_eq!(status, 200);
    app::backend::entities::invitation::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

pub(crate) async fn signed_in(s: &TestServer, email: &str) -> reqwest::Client {
    let c = s.browser();
    let (status, body) = s
        .call(
            &c,
            "login",
            &[("email", email), ("password", PASSWORD), ("lang", "sv")],
        )
        .await;
    assert_eq!(status, 200, "login {email}: {body}");
    c
}

/// Two applicants of Mora kommun: a@mora.se, whose organisation it is, and c@mora.se, who
/// joined it. Their ids and the organisation's.
async fn colleagues(db: &DatabaseConnection) -> (i32, i32, i32) {
    let a = person(db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
    let c = person(db, "c@mora.se", None, &[Role::Applicant]).await;
    let org: i32 = org_of(
        &organisation_member::Entity::find().all(db).await.unwrap(),
        a,
    )
    .parse()
    .unwrap();
    organisation_member::ActiveModel {
        organisation_id: Set(org),
        user_id: Set(c),
        joined_at: Set(at(2026, 11, 25, 9, 0)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    (a, c, org)
}

/// A login form's fields with the test password.
pub(crate) fn login_fields<'a>(email: &'a str, lang: &'a str) -> [(&'static str, &'a str); 3] {
    [("email", email), ("password", PASSWORD), ("lang", lang)]
}

/// A header of an answer, as text; the test fails when it is missing.
pub(crate) fn header_of(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{} has no {name}", res.url()))
        .to_str()
        .unwrap()
        .to_string()
}

pub(crate) fn org_of(members: &[organisation_member::Model], user_id: i32) -> String {
    members
        .iter()
        .find(|m| m.user_id == user_id)
        .unwrap()
        .organisation_id
        .to_string()
}

async fn last_mail(db: &DatabaseConnection) -> mail_outbox::Model {
    mail_outbox::Entity::find()
        .order_by_desc(mail_outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

fn token_in(body: &str, path: &str) -> String {
    let i = body.find(&format!("{path}?token=")).unwrap() + path.len() + 7;
    body[i..i + 64].to_string()
}

/// Who may call which server function is the generated matrix's (`matrix.rs`, the same rows and
/// answers). What it cannot see is what a call returns: an organisation's page shows its own
/// members and nothing of another organisation's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_applicant_sees_their_own_organisation_and_nothing_of_another() {
    on_each_backend(|db, _| async move {
        let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
        let a = person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        person(&db, "b@orsa.se", Some("Orsa kommun"), &[Role::Applicant]).await;
        let members = organisation_member::Entity::find().all(&db).await.unwrap();
        let org_a = org_of(&members, a);
        let app_a = signed_in(&s, "a@mora.se").await;
        let app_b = signed_in(&s, "b@orsa.se").await;
        // A colleague invited to A, who must not show to B.
        org_invitation(&db, &s, &app_a, &org_a).await;
        let (status, body) = s.call(&app_a, "my_organisation", &[]).await;
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains("Mora kommun") && body.contains("kollega@mora.se"),
            "{body}"
        );
        let (status, body) = s.call(&app_b, "my_organisation", &[]).await;
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains("Orsa kommun")
                && !body.contains("Mora kommun")
                && !body.contains("kollega@mora.se"),
            "{body}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_is_invited_joins_and_the_last_member_cannot_leave() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        let a = person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        let org = org_of(
            &organisation_member::Entity::find().all(&db).await.unwrap(),
            a,
        );
        let app_a = signed_in(&s, "a@mora.se").await;

        assert_eq!(
            s.call(
                &app_a,
                "invite",
                &[("organisation_id", &org), ("email", "Kollega@Mora.se")]
            )
            .await
            .0,
            200
        );
        let mail = last_mail(&db).await;
        assert_eq!(
            (mail.template.as_str(), mail.to_address.as_str()),
            ("invitation", "kollega@mora.se")
        );
        assert!(
            mail.body_text
                .contains("Person a@mora.se har bjudit in dig")
                && mail.body_text.contains("Mora kommun")
        );
        let token = token_in(&mail.body_text, "/invitation");
        let (_, body) = s.call(&app_a, "my_organisation", &[]).await;
        assert!(body.contains("\"status\":\"Pending\""));

        let (status, page) = s.get(&format!("/invitation?token={token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Mora kommun") && page.contains("kollega@mora.se"));

        let colleague = s.browser();
        let (status, body) = s
            .call(
                &colleague,
                "accept_invitation",
                &[
                    ("token", &token),
                    ("name", ""),
                    ("password", "kort"),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{body}");
        let (status, _) = s
            .call(
                &colleague,
                "accept_invitation",
                &[
                    ("token", &token),
                    ("name", "Kim Kollega"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(status, 200, "accepted and signed in");
        let (_, body) = s.call(&colleague, "my_organisation", &[]).await;
        assert!(
            body.contains("Kim Kollega")
                && body.contains("Person a@mora.se")
                && body.contains("\"status\":\"Accepted\"")
        );
        let (status, _) = s
            .call(
                &s.browser(),
                "accept_invitation",
                &[
                    ("token", &token),
                    ("name", "X"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(status, 400, "an invitation is used once");

        // Revoked and expired invitations.
        s.call(
            &app_a,
            "invite",
            &[("organisation_id", &org), ("email", "tredje@mora.se")],
        )
        .await;
        s.call(
            &app_a,
            "invite",
            &[("organisation_id", &org), ("email", "fjarde@mora.se")],
        )
        .await;
        let fourth = app::backend::entities::invitation::Entity::find()
            .order_by_desc(app::backend::entities::invitation::Column::Id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            s.call(
                &app_a,
                "revoke_invitation",
                &[("invitation_id", &fourth.id.to_string())]
            )
            .await
            .0,
            200
        );
        s.clock.set(now + chrono::Duration::days(15));
        let (_, body) = s.call(&app_a, "my_organisation", &[]).await;
        assert!(
            body.contains("\"status\":\"Expired\"") && body.contains("\"status\":\"Revoked\""),
            "{body}"
        );
        assert_eq!(
            s.call(
                &app_a,
                "invite",
                &[("organisation_id", &org), ("email", "kollega@mora.se")]
            )
            .await
            .0,
            409,
            "already a member"
        );

        // Leaving: fine while someone stays, refused for the last one.
        assert_eq!(
            s.call(
                &app_a,
                "leave_organisation",
                &[("organisation_id", &org), ("lang", "sv")]
            )
            .await
            .0,
            200
        );
        let (status, body) = s
            .call(
                &colleague,
                "leave_organisation",
                &[("organisation_id", &org), ("lang", "sv")],
            )
            .await;
        assert_eq!(status, 409);
        assert!(body.contains("LastMember"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_works_once_and_ends_old_sessions() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        let old_session = signed_in(&s, "a@mora.se").await;
        let before = mail_outbox::Entity::find().all(&db).await.unwrap().len();

        // Known and unknown addresses get the same answer; only the known one gets a mail.
        let unknown = s
            .call(
                &s.browser(),
                "forgot_password",
                &[("email", "ingen@mora.se"), ("lang", "sv")],
            )
            .await;
        assert_eq!(
            mail_outbox::Entity::find().all(&db).await.unwrap().len(),
            before
        );
        let known = s
            .call(
                &s.browser(),
                "forgot_password",
                &[("email", "a@mora.se"), ("lang", "sv")],
            )
            .await;
        assert_eq!(unknown, known);
        let mail = last_mail(&db).await;
        assert_eq!(mail.template, "reset_password");
        let token = token_in(&mail.body_text, "/reset-password");

        s.clock.set(now + chrono::Duration::seconds(5));
        let (status, _) = s
            .call(
                &s.browser(),
                "reset_password",
                &[("token", &token), ("password", "kort"), ("lang", "sv")],
            )
            .await;
        assert_eq!(status, 422, "the new password is checked");
        // A refused password leaves the link usable: nothing was changed.
        let strong = [
            ("token", token.as_str()),
            ("password", "nytt-lösen-ord-9"),
            ("lang", "sv"),
        ];
        assert_eq!(s.call(&s.browser(), "reset_password", &strong).await.0, 200);
        assert_eq!(
            s.call(&s.browser(), "reset_password", &strong).await.0,
            400,
            "but it works only once"
        );
        assert_eq!(
            s.call(&old_session, "account", &[]).await.0,
            401,
            "sessions from before the reset are over"
        );
        let fresh = s.browser();
        assert_eq!(
            s.call(
                &fresh,
                "login",
                &[
                    ("email", "a@mora.se"),
                    ("password", "nytt-lösen-ord-9"),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            200
        );
        // An expired link.
        s.call(
            &s.browser(),
            "forgot_password",
            &[("email", "a@mora.se"), ("lang", "sv")],
        )
        .await;
        let token = token_in(&last_mail(&db).await.body_text, "/reset-password");
        s.clock.set(now + chrono::Duration::hours(2));
        assert_eq!(
            s.call(
                &s.browser(),
                "reset_password",
                &[
                    ("token", &token),
                    ("password", "tredje-lösen-ord-3"),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            400
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failed_logins_are_slowed_down_per_account() {
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start(db.clone(), now).await;
        person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        let c = s.browser();
        for _ in 0..accounts::LOGIN_MAX_PER_ACCOUNT {
            let (status, _) = s
                .call(
                    &c,
                    "login",
                    &[
                        ("email", "a@mora.se"),
                        ("password", "fel-fel-fel-fel"),
                        ("lang", "sv"),
                    ],
                )
                .await;
            assert_eq!(status, 401);
        }
        let (status, body) = s
            .call(
                &c,
                "login",
                &[
                    ("email", "A@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(status, 429, "even the right password waits: {body}");
        // The page says so in the person's language.
        let res = c
            .post(format!("{}/api/login", s.base))
            .header("accept", "text/html")
            .header("referer", format!("{}/en/login", s.base))
            .form(&login_fields("a@mora.se", "en"))
            .send()
            .await
            .unwrap();
        let back = header_of(&res, "location");
        let (_, page) = s.get(back.trim_start_matches(&s.base)).await;
        assert!(page.contains("Too many failed login attempts."));
        s.clock
            .set(now + chrono::Duration::minutes(accounts::LOGIN_WINDOW_MINUTES + 1));
        assert_eq!(
            s.call(
                &c,
                "login",
                &[
                    ("email", "a@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            200
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_address_changes_only_when_the_new_one_confirms() {
    on_each_backend(|db, _| async move {
        let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
        person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        person(&db, "upptagen@mora.se", Some("Annan"), &[Role::Applicant]).await;
        let c = signed_in(&s, "a@mora.se").await;
        assert_eq!(
            s.call(
                &c,
                "change_email",
                &[("email", "upptagen@mora.se"), ("password", PASSWORD)]
            )
            .await
            .0,
            409
        );
        assert_eq!(
            s.call(
                &c,
                "change_email",
                &[("email", "ny@mora.se"), ("password", PASSWORD)]
            )
            .await
            .0,
            200
        );
        let mail = last_mail(&db).await;
        assert_eq!(
            (mail.to_address.as_str(), mail.template.as_str()),
            ("ny@mora.se", "confirm_new_email")
        );
        let (_, body) = s.call(&c, "account", &[]).await;
        assert!(body.contains("a@mora.se"), "unchanged until confirmed");
        let token = token_in(&mail.body_text, "/confirm-email");
        assert_eq!(
            s.call(&s.browser(), "confirm_email", &[("token", &token)])
                .await
                .0,
            200
        );
        let (_, body) = s.call(&c, "account", &[]).await;
        assert!(body.contains("ny@mora.se"));
        // Changing the password needs the current one.
        assert_eq!(
            s.call(
                &c,
                "change_password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "helt-nytt-lösen-5")
                ]
            )
            .await
            .0,
            200
        );
        assert_eq!(
            s.call(
                &s.browser(),
                "login",
                &[
                    ("email", "ny@mora.se"),
                    ("password", "helt-nytt-lösen-5"),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            200
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_find_people_change_roles_and_deactivate_accounts() {
    on_each_backend(|db, _| async move {
        let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
        let a = person(&db, "anna@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
        person(&db, "admin@bra.se", None, &[Role::Admin]).await;
        let admin_id = app_user::Entity::find()
            .filter(app_user::Column::Email.eq("admin@bra.se"))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let admin = signed_in(&s, "admin@bra.se").await;
        let anna = signed_in(&s, "anna@mora.se").await;

        let (_, body) = s.call(&admin, "admin_users", &[("query", "ANNA")]).await;
        let rows: Vec<app::model::UserRow> = serde_json::from_str(&body).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].email.as_str(), rows[0].organisations.clone()),
            ("anna@mora.se", vec!["Mora kommun".to_string()])
        );
        let (_, body) = s.call(&admin, "admin_users", &[("query", "%")]).await;
        assert_eq!(
            serde_json::from_str::<Vec<app::model::UserRow>>(&body)
                .unwrap()
                .len(),
            2,
            "% is not a wildcard"
        );

        let a_id = a.to_string();
        assert_eq!(
            s.call(
                &admin,
                "admin_set_roles",
                &[
                    ("user_id", &a_id),
                    ("applicant", "on"),
                    ("juror", "on"),
                    ("chair", "on")
                ]
            )
            .await
            .0,
            200
        );
        assert_eq!(
            s.call(
                &admin,
                "admin_set_roles",
                &[("user_id", "not-a-number"), ("juror", "on")]
            )
            .await
            .0,
            400
        );
        let (_, body) = s.call(&anna, "account", &[]).await;
        assert!(
            body.contains("\"roles\":[\"Applicant\",\"Juror\",\"Chair\"]"),
            "{body}"
        );
        assert_eq!(
            s.call(
                &admin,
                "admin_set_roles",
                &[("user_id", &admin_id.to_string()), ("juror", "on")]
            )
            .await
            .0,
            403,
            "an admin cannot drop their own admin role"
        );

        assert_eq!(
            s.call(
                &admin,
                "admin_set_active",
                &[("user_id", &a_id), ("active", "false")]
            )
            .await
            .0,
            200
        );
        assert_eq!(
            s.call(&anna, "account", &[]).await.0,
            401,
            "the session ends at once"
        );
        assert_eq!(
            s.call(
                &s.browser(),
                "login",
                &[
                    ("email", "anna@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            401
        );

        let (status, body) = s
            .call(&admin, "admin_outbox", &[("status", "queued")])
            .await;
        assert_eq!(status, 200);
        assert!(body.contains("anna@mora.se") && body.contains("\"status\":\"queued\""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_see_their_data_and_can_erase_it() {
    on_each_backend(|db, _| async move {
        let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
        let (a, _, _) = colleagues(&db).await;
        let anna = signed_in(&s, "a@mora.se").await;
        let (status, body) = s.call(&anna, "my_data", &[]).await;
        assert_eq!(status, 200);
        let data: app::model::PersonalData = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (data.email.as_str(), data.organisations.clone()),
            ("a@mora.se", vec!["Mora kommun".to_string()])
        );
        assert!(
            data.mails
                .iter()
                .any(|(_, subject, _)| subject.starts_with("Bekräfta")),
            "the verification mail is listed"
        );
        let (_, page) = s.get("/account/data").await;
        assert!(
            page.contains("Du behöver logga in."),
            "anonymous visitors see nobody's data"
        );

        assert_eq!(
            s.call(
                &anna,
                "delete_account",
                &[("password", "fel-fel-fel-fel"), ("lang", "sv")]
            )
            .await
            .0,
            422
        );
        assert_eq!(
            s.call(
                &anna,
                "delete_account",
                &[("password", PASSWORD), ("lang", "sv")]
            )
            .await
            .0,
            200
        );
        assert_eq!(s.call(&anna, "account", &[]).await.0, 401, "logged out");
        assert_eq!(
            s.call(
                &s.browser(),
                "login",
                &[
                    ("email", "a@mora.se"),
                    ("password", PASSWORD),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            401
        );
        let erased = app_user::Entity::find_by_id(a)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            erased.name.is_empty()
                && erased.email.ends_with("@deleted.invalid")
                && erased.password_hash.is_empty()
        );
        assert!(
            mail_outbox::Entity::find()
                .filter(mail_outbox::Column::ToAddress.eq("a@mora.se"))
                .all(&db)
                .await
                .unwrap()
                .is_empty()
        );
        // The organisation stays with its other member, who cannot leave it empty.
        let kim = signed_in(&s, "c@mora.se").await;
        let (_, body) = s.call(&kim, "my_organisation", &[]).await;
        assert!(body.contains("Mora kommun") && !body.contains("a@mora.se"));
        assert_eq!(
            s.call(
                &kim,
                "delete_account",
                &[("password", PASSWORD), ("lang", "sv")]
            )
            .await
            .0,
            409
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_step_verification_guards_login_and_privileged_roles() {
    use totp_rs::{Builder, Secret};
    on_each_backend(|db, _| async move {
        let now = at(2026, 11, 25, 10, 0);
        let s = TestServer::start_with(db.clone(), now, |c| c.require_two_factor = true).await;
        person(&db, "admin@bra.se", None, &[Role::Admin]).await;
        let admin = signed_in(&s, "admin@bra.se").await;
        // Required but not on: the admin role waits.
        assert_eq!(s.call(&admin, "admin_users", &[("query", "")]).await.0, 403);
        let (_, body) = s.call(&admin, "account", &[]).await;
        assert!(
            body.contains("\"roles_on_hold\":true") && body.contains("\"roles\":[]"),
            "{body}"
        );

        let (status, body) = s.call(&admin, "start_two_factor", &[]).await;
        assert_eq!(status, 200);
        let e: app::model::TotpEnrolment = serde_json::from_str(&body).unwrap();
        assert!(e.qr_svg.contains("<svg") && e.otpauth_url.starts_with("otpauth://totp/"));
        let app = Builder::new()
            .with_secret(Secret::try_from_base32(&e.secret).unwrap())
            .build()
            .unwrap();
        let code_at =
            |t: chrono::DateTime<chrono::Utc>| app.generate(t.timestamp() as u64).to_string();
        assert_eq!(
            s.call(&admin, "confirm_two_factor", &[("code", "000000x")])
                .await
                .0,
            422
        );
        let (status, body) = s
            .call(&admin, "confirm_two_factor", &[("code", &code_at(now))])
            .await;
        assert_eq!(status, 200);
        let recovery: Vec<String> = serde_json::from_str(&body).unwrap();
        assert_eq!(recovery.len(), 10);
        assert_eq!(
            s.call(&admin, "admin_users", &[("query", "")]).await.0,
            200,
            "the role applies now"
        );
        assert_eq!(s.call(&admin, "start_two_factor", &[]).await.0, 409);

        // Logging in now takes a code, and a code works once.
        let c = s.browser();
        let (status, _) = s
            .call(
                &c,
                "login",
                &[
                    ("email", "admin@bra.se"),
                    ("password", PASSWORD),
                    ("lang", "sv"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(
            s.call(&c, "account", &[]).await.0,
            401,
            "not signed in before the code"
        );
        assert_eq!(
            s.call(&c, "login_code", &[("code", &code_at(now)), ("lang", "sv")])
                .await
                .0,
            422,
            "replayed code"
        );
        s.clock.set(now + chrono::Duration::seconds(30));
        let later = now + chrono::Duration::seconds(30);
        assert_eq!(
            s.call(
                &c,
                "login_code",
                &[("code", &code_at(later)), ("lang", "sv")]
            )
            .await
            .0,
            200
        );
        assert_eq!(s.call(&c, "account", &[]).await.0, 200);

        // A recovery code works once.
        let (_, status) = password_then_code(&s, "admin@bra.se", &recovery[0].to_uppercase()).await;
        assert_eq!(status, 200);
        let (again, status) = password_then_code(&s, "admin@bra.se", &recovery[0]).await;
        assert_eq!(status, 422);
        // A login waiting for its code expires after five minutes.
        s.clock.set(later + chrono::Duration::minutes(6));
        assert_eq!(
            s.call(
                &again,
                "login_code",
                &[("code", &recovery[1]), ("lang", "sv")]
            )
            .await
            .0,
            401
        );

        // Turning it off needs the password.
        assert_eq!(
            s.call(&c, "disable_two_factor", &[("password", PASSWORD)])
                .await
                .0,
            200
        );
        assert_eq!(
            s.call(&c, "admin_users", &[("query", "")]).await.0,
            403,
            "required again"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_also_limited_per_client_address() {
    let backend = crate::common::sqlite().await;
    let db = backend.db.clone();
    let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
    person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
    let c = s.browser();
    for i in 0..accounts::LOGIN_MAX_PER_IP {
        let email = format!("gissning{i}@mora.se");
        assert_eq!(
            s.call(
                &c,
                "login",
                &[
                    ("email", &email),
                    ("password", "fel-fel-fel-fel"),
                    ("lang", "sv")
                ]
            )
            .await
            .0,
            401
        );
    }
    let (status, _) = s
        .call(
            &c,
            "login",
            &[
                ("email", "a@mora.se"),
                ("password", PASSWORD),
                ("lang", "sv"),
            ],
        )
        .await;
    assert_eq!(status, 429, "one client guessing many addresses is stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_secure_when_configured() {
    let backend = crate::common::sqlite().await;
    let db = backend.db.clone();
    let s = TestServer::start_with(db.clone(), at(2026, 11, 25, 10, 0), |c| {
        c.cookie_secure = true
    })
    .await;
    person(&db, "a@mora.se", Some("Mora kommun"), &[Role::Applicant]).await;
    let res = s
        .browser()
        .post(format!("{}/api/login", s.base))
        .form(&login_fields("a@mora.se", "sv"))
        .send()
        .await
        .unwrap();
    let cookie = header_of(&res, "set-cookie");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_account_cannot_act_for_its_organisation_and_admins_can_remove_members() {
    let backend = crate::common::sqlite().await;
    let db = backend.db.clone();
    let s = TestServer::start(db.clone(), at(2026, 11, 25, 10, 0)).await;
    let (_, c, org) = colleagues(&db).await;
    person(&db, "admin@bra.se", None, &[Role::Admin]).await;
    let user = app_user::Entity::find_by_id(c)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let mut u: app_user::ActiveModel = user.into();
    u.email_verified_at = Set(None);
    u.update(&db).await.unwrap();
    let kim = signed_in(&s, "c@mora.se").await;
    let (status, body) = s
        .call(
            &kim,
            "invite",
            &[
                ("organisation_id", &org.to_string()),
                ("email", "x@mora.se"),
            ],
        )
        .await;
    assert_eq!((status, body.as_str()), (403, "\"Unverified\""));
    let admin = signed_in(&s, "admin@bra.se").await;
    assert_eq!(
        s.call(
            &admin,
            "remove_member",
            &[
                ("organisation_id", &org.to_string()),
                ("user_id", &c.to_string())
            ]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        s.call(&kim, "my_organisation", &[]).await.0,
        404,
        "no longer a member"
    );
}

/// A new browser that gives `email`'s password, then `code` as the second step: the browser,
/// and the answer to the code.
async fn password_then_code(s: &TestServer, email: &str, code: &str) -> (reqwest::Client, u16) {
    let browser = s.browser();
    let fields = [("email", email), ("password", PASSWORD), ("lang", "sv")];
    assert_eq!(s.call(&browser, "login", &fields).await.0, 200);
    let (status, _) = s
        .call(&browser, "login_code", &[("code", code), ("lang", "sv")])
        .await;
    (browser, status)
}
