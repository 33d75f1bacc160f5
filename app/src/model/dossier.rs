//! The EUCPN dossier as the browser and the server share it: the year's winning entry and its
//! English text, with the organiser's versions of that text.
use serde::{Deserialize, Serialize};

use super::{EnglishText, Text, When, WordLimits};

/// One saved change to the winner's English text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnglishVersionRow {
    pub number: i32,
    pub at: When,
    pub by: String,
    /// The parts ([`super::ENGLISH_PARTS`]) this version changed from the one before.
    pub changed: Vec<String>,
    pub text: EnglishText,
}

/// One sending of the dossier to EUCPN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingRow {
    pub at: When,
    pub by: String,
    pub to: String,
    /// The English text's version sent (0: as submitted).
    pub english_version: i32,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    /// The reference of the entry it carried where that is no longer the year's winner (the
    /// decision was taken back and taken again with another); `None` for the winner's own.
    pub other_entry: Option<String>,
}

/// Where a round's recorded winner has gone beyond the round: what whoever may reopen the
/// decision is told before they do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WinnerOnward {
    /// When its dossier last went to EUCPN.
    pub dossier_sent: Option<When>,
    /// It is entered, forwarded, in the European final.
    pub in_final: bool,
}

/// The organiser's dossier page of a decided year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierView {
    pub year: i32,
    pub theme: Text,
    pub entry_id: i32,
    pub reference: String,
    pub title_sv: String,
    pub organisation: String,
    /// The English text now: the latest version, or the submitted text before any.
    pub english: EnglishText,
    /// The latest version's number, 0 before any: a save names it as its base.
    pub version: i32,
    pub limits: WordLimits,
    /// Newest first.
    pub versions: Vec<EnglishVersionRow>,
    /// The year's EUCPN address, or empty.
    pub address: String,
    /// Newest first.
    pub sendings: Vec<SendingRow>,
}
