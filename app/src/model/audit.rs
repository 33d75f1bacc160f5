//! The audit page: its filters, as the query string carries them, and the lines it shows.
use serde::{Deserialize, Serialize};

use super::When;

/// Lines per page of the audit page.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// What the organiser filters the audit log by. Empty fields filter nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// A competition year: its national rounds and its final.
    #[serde(default)]
    pub year: Option<i32>,
    /// Part of a person's name or address.
    #[serde(default)]
    pub person: String,
    /// An action, such as `entry.screen`.
    #[serde(default)]
    pub kind: String,
    /// One part of a subject, such as `entry:12`: the object's whole history.
    #[serde(default)]
    pub object: String,
    /// From 1.
    #[serde(default)]
    pub page: Option<u64>,
}

impl AuditFilter {
    /// The filters from query parameters by name; a year or page that is not a number filters
    /// nothing.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> AuditFilter {
        let number = |key: &str| get(key).and_then(|v| v.trim().parse::<u64>().ok());
        AuditFilter {
            year: number("year").and_then(|y| i32::try_from(y).ok()),
            person: get("person").unwrap_or_default(),
            kind: get("kind").unwrap_or_default(),
            object: get("object").unwrap_or_default(),
            page: number("page"),
        }
    }
}

#[cfg(feature = "ssr")]
impl AuditFilter {
    /// The filters as a query string (without the page), for links and the export.
    pub fn query(&self) -> String {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        // Kinds and objects (`score.submit`, `entry:12`) stay readable in the address.
        const VALUE: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~')
            .remove(b':');
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        for (key, value) in [
            ("person", &self.person),
            ("kind", &self.kind),
            ("object", &self.object),
        ] {
            if !value.trim().is_empty() {
                parts.push(format!(
                    "{key}={}",
                    utf8_percent_encode(value.trim(), VALUE)
                ));
            }
        }
        parts.join("&")
    }
}

/// One change in a line: the field, and its value before and after (or the value alone when
/// the line records a fact rather than a change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChange {
    pub field: String,
    pub before: Option<String>,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i32,
    pub at: When,
    /// The person's name (or address); `None` for the portal itself.
    pub person: Option<String>,
    pub kind: String,
    pub object: String,
    pub year: Option<i32>,
    pub changes: Vec<AuditChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub lines: Vec<AuditLine>,
    /// Lines matching the filters, on every page.
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// The years and kinds there are to choose from.
    pub years: Vec<i32>,
    pub kinds: Vec<String>,
    /// The filters as a query string without the page (`AuditFilter::query`).
    pub query: String,
}
