//! The one error type of the portal, mapped to an HTTP status and a localised message.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Rules an action would break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Conflict {
    LastMember,
    AlreadyMember,
    EmailTaken,
    TwoFactorOn,
    /// The competition does not take entries or changes now (before opening, after the deadline).
    Closed,
    /// The entry was saved by someone else since this copy was loaded.
    Stale,
    /// The entry was screened (in another tab or by a colleague) since the page was opened.
    Rescreened,
    /// The action needs a submitted entry.
    NotSubmitted,
    /// The competition year exists already.
    YearExists,
    /// An entry has as many attachments as allowed.
    TooManyFiles,
    /// Possible only once the deadline has passed.
    NotYet,
    /// The juror has declared a conflict of interest with the entry.
    Recused,
    /// Judging is not open (before it starts, or closed).
    JudgingClosed,
    /// The year's decision is already recorded.
    AlreadyDecided,
    /// Conflicts of interest are taken until the jury decides, and it has decided.
    ConflictsClosed,
    /// The results are public already (or, for publishing, there is no decision yet).
    AlreadyPublished,
    NotDecided,
    /// There is no recorded decision to reopen: it was taken back since the page was opened.
    NothingToReopen,
    /// The address (slug) is used by another item.
    SlugTaken,
    /// The dossier cannot go to EUCPN while part of its English text is missing.
    EnglishIncomplete,
    /// The country already has its one competing entry in the European final.
    AlreadyEntered,
    /// The European jury has its eight members (counting pending invitations).
    JuryFull,
    /// The year's European final is held on the portal: the national winner's placing comes
    /// from it and is not typed in.
    FinalOnPortal,
    /// An organiser's own data is erased from their own account page, with their password.
    OwnAccount,
    /// The juror has no sheets left to remind them of.
    NothingLeft,
    /// The round has no date when judging closes, for a reminder to name.
    NoClosingDate,
    /// Feedback is released only once the round's results are public.
    ResultsNotPublic,
    /// The feedback on the entry has been released already.
    FeedbackReleased,
    /// There is no summary and no chosen comment to release.
    FeedbackEmpty,
    /// The feedback was saved (in another tab or by someone else) since this copy was loaded.
    FeedbackChanged,
    /// The news item or event was saved (in another tab or by someone else) since its editor
    /// was opened.
    ItemChanged,
    /// The group message has been sent already.
    MessageSent,
    /// The entry is no longer a draft (it has been submitted).
    NotDraft,
    /// Nobody would receive the mail (an organisation without active members).
    NoRecipients,
    /// The round's entries are scored once the chair has advanced its shortlist.
    ShortlistFirst,
    /// The shortlist round takes no answers now (not begun, past its date, or advanced).
    ShortlistClosed,
    /// The round's shortlist has been advanced already.
    AlreadyAdvanced,
    /// The round has no shortlist round.
    NoShortlist,
    /// The round's shortlist has not been advanced: there is nothing to take back.
    NotAdvanced,
    /// A juror has saved a score on an advanced entry: the advancement stands.
    ScoringBegun,
}

/// What is wrong with one form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    InvalidEmail,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    InvalidChoice,
    InvalidOrgNumber,
    WrongPassword,
    WrongCode,
    TooManyWords,
    InvalidDate,
    InvalidUrl,
    EndBeforeStart,
    MustConfirm,
    TooMany,
    /// A file that is not a PDF, JPEG or PNG by its content.
    UnsupportedFile,
    /// A PDF or image that also carries something that runs or opens: markup or script, a PDF
    /// action, an embedded file, a second format (a polyglot).
    ActiveContent,
    FileTooLarge,
    EmptyFile,
    OutOfOrder,
    OutOfRange,
    /// Used by another item (an address, a slug).
    Taken,
    /// No account has this address.
    NoAccount,
    /// A member state that has entered projects in the final, which cannot be taken out.
    HasEntries,
    /// The final's jury closing on or before the deadline for its entries.
    NotAfterDeadline,
    /// A mail text names a placeholder its mail does not fill.
    UnknownPlaceholder,
    /// A rubric's level line that is not "<score>: <text>" on the scale, or repeats a score.
    LevelLine,
    /// An English level line for a score with no Swedish line.
    LevelWithoutSwedish,
    /// The top of the shortlist cannot be cut here: entries tie across the cut.
    TiedAtCut,
    /// The year's shortlist round has answers (or is advanced): its kind stays.
    ShortlistStarted,
    /// An entry given two places in the jury's decision (winner and runner-up, say).
    ChosenTwice,
}

impl Problem {
    pub fn message(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            Problem::Required => t.problem_required,
            Problem::TooLong => t.problem_too_long,
            Problem::InvalidEmail => t.problem_invalid_email,
            Problem::PasswordTooShort => t.problem_password_short,
            Problem::PasswordTooLong => t.problem_password_long,
            Problem::PasswordTooCommon => t.problem_password_common,
            Problem::InvalidChoice => t.problem_invalid_choice,
            Problem::InvalidOrgNumber => t.problem_org_number,
            Problem::WrongPassword => t.problem_wrong_password,
            Problem::WrongCode => t.problem_wrong_code,
            Problem::TooManyWords => lang.problems().too_many_words,
            Problem::InvalidDate => lang.problems().invalid_date,
            Problem::InvalidUrl => lang.problems().invalid_url,
            Problem::EndBeforeStart => lang.problems().end_before_start,
            Problem::MustConfirm => lang.problems().must_confirm,
            Problem::TooMany => lang.problems().too_many,
            Problem::UnsupportedFile => lang.problems().unsupported_file,
            Problem::ActiveContent => lang.problems().active_content,
            Problem::FileTooLarge => lang.problems().file_too_large,
            Problem::EmptyFile => lang.problems().empty_file,
            Problem::OutOfOrder => lang.problems().out_of_order,
            Problem::OutOfRange => lang.problems().out_of_range,
            Problem::Taken => lang.p().taken,
            Problem::NoAccount => lang.eu().no_account,
            Problem::HasEntries => lang.eu().has_entries,
            Problem::NotAfterDeadline => lang.eu().not_after_deadline,
            Problem::UnknownPlaceholder => lang.mail_texts().unknown_placeholder,
            Problem::LevelLine => lang.problems().level_line,
            Problem::LevelWithoutSwedish => lang.problems().level_without_swedish,
            Problem::TiedAtCut => lang.shortlist().tied_at_cut,
            Problem::ShortlistStarted => lang.shortlist().started,
            Problem::ChosenTwice => lang.j().chosen_twice,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as in the server function's arguments.
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> FieldError {
        FieldError {
            field: field.into(),
            problem,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Form input that fails validation, per field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("wrong email or password")]
    InvalidCredentials,
    /// A verification or reset link that is unknown, used or expired.
    #[error("invalid or expired link")]
    InvalidToken,
    /// Not signed in.
    #[error("not signed in")]
    Unauthenticated,
    /// The address is not confirmed yet.
    #[error("email address not verified")]
    Unverified,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Too many failed attempts; try again later.
    #[error("too many attempts")]
    RateLimited,
    /// Too many mails asked for by one client or to one address lately; try again later.
    #[error("too many mails")]
    TooManyMails,
    /// The action would break a rule, e.g. leave an organisation without members.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The database or another dependency is down; the detail is logged, never shown.
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// Transport or (de)serialisation failure of a server function call.
    #[error("server function: {0}")]
    ServerFn(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) | AppError::InvalidToken => 400,
            AppError::Invalid(_) => 422,
            AppError::InvalidCredentials | AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::Unverified => 403,
            AppError::RateLimited | AppError::TooManyMails => 429,
            AppError::Conflict(_) => 409,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }

    pub fn message(&self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            AppError::NotFound => t.not_found_text,
            AppError::BadRequest(_) => t.error_bad_request,
            AppError::Invalid(_) => t.error_invalid,
            AppError::InvalidCredentials => t.error_credentials,
            AppError::InvalidToken => t.error_token,
            AppError::Unauthenticated => t.error_unauthenticated,
            AppError::Forbidden => t.error_forbidden,
            AppError::Unverified => t.error_unverified,
            AppError::RateLimited => t.error_rate_limited,
            AppError::TooManyMails => t.error_too_many_mails,
            AppError::Conflict(Conflict::LastMember) => t.error_last_member,
            AppError::Conflict(Conflict::OwnAccount) => t.error_own_account,
            AppError::Conflict(Conflict::NothingLeft) => t.error_nothing_left,
            AppError::Conflict(Conflict::NoClosingDate) => t.error_no_closing_date,
            AppError::Conflict(Conflict::ResultsNotPublic) => lang.feedback().results_not_public,
            AppError::Conflict(Conflict::FeedbackReleased) => lang.feedback().already_released,
            AppError::Conflict(Conflict::FeedbackEmpty) => lang.feedback().empty,
            AppError::Conflict(Conflict::FeedbackChanged) => lang.feedback().changed,
            AppError::Conflict(Conflict::ItemChanged) => lang.p().item_changed,
            AppError::Conflict(Conflict::MessageSent) => lang.messages().already_sent,
            AppError::Conflict(Conflict::NotDraft) => lang.e().not_draft,
            AppError::Conflict(Conflict::NoRecipients) => lang.e().no_recipients,
            AppError::Conflict(Conflict::ShortlistFirst) => lang.shortlist().scoring_later,
            AppError::Conflict(Conflict::ShortlistClosed) => lang.shortlist().closed,
            AppError::Conflict(Conflict::AlreadyAdvanced) => lang.shortlist().already_advanced,
            AppError::Conflict(Conflict::NoShortlist) => lang.shortlist().none,
            AppError::Conflict(Conflict::NotAdvanced) => lang.shortlist().not_advanced,
            AppError::Conflict(Conflict::ScoringBegun) => lang.shortlist().scoring_begun,
            AppError::Conflict(Conflict::AlreadyMember) => t.error_already_member,
            AppError::Conflict(Conflict::EmailTaken) => t.error_email_taken,
            AppError::Conflict(Conflict::TwoFactorOn) => t.error_two_factor_on,
            AppError::Conflict(Conflict::Closed) => lang.problems().closed,
            AppError::Conflict(Conflict::Stale) => lang.e().conflict,
            AppError::Conflict(Conflict::Rescreened) => lang.e().rescreened,
            AppError::Conflict(Conflict::NotSubmitted) => lang.problems().not_submitted,
            AppError::Conflict(Conflict::YearExists) => lang.problems().year_exists,
            AppError::Conflict(Conflict::TooManyFiles) => lang.problems().too_many_files,
            AppError::Conflict(Conflict::NotYet) => lang.problems().not_yet,
            AppError::Conflict(Conflict::Recused) => lang.problems().recused,
            AppError::Conflict(Conflict::JudgingClosed) => lang.problems().judging_closed,
            AppError::Conflict(Conflict::AlreadyDecided) => lang.problems().already_decided,
            AppError::Conflict(Conflict::ConflictsClosed) => lang.j().conflicts_closed,
            AppError::Conflict(Conflict::AlreadyPublished) => lang.p().already_published,
            AppError::Conflict(Conflict::NotDecided) => lang.p().not_decided,
            AppError::Conflict(Conflict::NothingToReopen) => lang.j().nothing_to_reopen,
            AppError::Conflict(Conflict::SlugTaken) => lang.p().slug_taken,
            AppError::Conflict(Conflict::EnglishIncomplete) => lang.d().english_incomplete,
            AppError::Conflict(Conflict::AlreadyEntered) => lang.eu().already_entered,
            AppError::Conflict(Conflict::JuryFull) => lang.eu().jury_full,
            AppError::Conflict(Conflict::FinalOnPortal) => lang.eu().final_on_portal,
            AppError::Unavailable => t.error_unavailable,
            AppError::Internal | AppError::ServerFn(_) => t.error_internal,
        }
    }
}

impl AppError {
    /// A validation error on one field.
    pub fn invalid_field(name: &str, problem: Problem) -> AppError {
        AppError::Invalid(vec![FieldError::new(name, problem)])
    }

    /// The problem with one field, if this is a validation error that names it.
    pub fn field(&self, name: &str) -> Option<Problem> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == name).map(|e| e.problem),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => AppError::BadRequest(m),
            other => AppError::ServerFn(other.to_string()),
        }
    }
}

/// An error as the answer of a plain route (uploads, downloads, exports, feeds): its status,
/// and the error as JSON, as server functions answer.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(self)).into_response()
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        match err {
            sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_) => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_status_and_message() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Unavailable.status(), 503);
        assert_eq!(AppError::BadRequest("x".into()).status(), 400);
        assert_eq!(
            AppError::Internal.message(Lang::Sv),
            Lang::Sv.t().error_internal
        );
        assert_eq!(
            AppError::NotFound.message(Lang::En),
            Lang::En.t().not_found_text
        );
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("year".into()));
        assert_eq!(e, AppError::BadRequest("year".into()));
    }
}
