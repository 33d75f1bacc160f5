//! Every place a person's name or address is stored, found by reading the schema itself: each
//! text column of each table, so that a table or column added later is searched too. The
//! database narrows the rows with LIKE; [`Needles`] decides, in any case, on the text itself.
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::error::AppError;

/// Tables that hold no one's data: the schema's own bookkeeping.
const SKIPPED_TABLES: &[&str] = &["seaql_migrations"];

/// What the portal writes in place of an erased name or address.
pub const ERASED: &str = "[raderat]";

/// A person's address and, when long enough to be a name and not a word, their name: the
/// strings searched for, matched in any case.
pub struct Needles {
    strings: Vec<String>,
    regex: regex::Regex,
}

/// The shortest name searched for; a shorter one would find ordinary words.
pub const MIN_NAME_CHARS: usize = 5;

impl Needles {
    pub fn new(email: &str, names: &[&str]) -> Needles {
        let mut strings = vec![email.trim().to_string()];
        for n in names.iter().map(|n| n.trim()) {
            if n.chars().filter(|c| c.is_alphabetic()).count() >= MIN_NAME_CHARS
                && !strings.iter().any(|s| s.eq_ignore_ascii_case(n))
            {
                strings.push(n.to_string());
            }
        }
        strings.retain(|s| !s.is_empty());
        // The longest first, so that an address holding the name is taken whole.
        strings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let alternatives: Vec<String> = strings.iter().map(|s| regex::escape(s)).collect();
        let regex = regex::RegexBuilder::new(&alternatives.join("|"))
            .case_insensitive(true)
            .build()
            // Escaped literals always compile; an empty set matches nothing.
            .unwrap_or_else(|_| regex::Regex::new("[^\\s\\S]").expect("a valid pattern"));
        Needles { strings, regex }
    }

    pub fn strings(&self) -> &[String] {
        &self.strings
    }

    pub fn occur_in(&self, text: &str) -> bool {
        !self.strings.is_empty() && self.regex.is_match(text)
    }

    /// The text with every occurrence replaced by [`ERASED`]. Text that is JSON stays JSON:
    /// the strings inside it are changed, and the structure is kept.
    pub fn erased_from(&self, text: &str) -> String {
        let trimmed = text.trim_start();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text)
        {
            self.erase_in(&mut value);
            return value.to_string();
        }
        self.replaced(text)
    }

    /// About `chars` characters of `text` around the first occurrence, with "…" where cut.
    pub fn excerpt(&self, text: &str, chars: usize) -> String {
        let at = self.regex.find(text).map_or(0, |m| m.start());
        let before = text[..at].chars().count();
        let start = before.saturating_sub(chars / 3);
        let total = text.chars().count();
        let end = Ord::min(start + chars, total);
        let mut out: String = text.chars().skip(start).take(end - start).collect();
        if start > 0 {
            out.insert(0, '…');
        }
        if end < total {
            out.push('…');
        }
        out
    }

    fn replaced(&self, text: &str) -> String {
        self.regex.replace_all(text, ERASED).into_owned()
    }

    fn erase_in(&self, value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::String(s) => *s = self.replaced(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.erase_in(v)),
            Value::Object(map) => {
                let old = std::mem::take(map);
                for (k, mut v) in old {
                    self.erase_in(&mut v);
                    map.insert(self.replaced(&k), v);
                }
            }
            _ => {}
        }
    }

    /// A LIKE pattern that finds at least every row the needle occurs in: the characters LIKE
    /// treats specially, and those it compares by case only in ASCII (SQLite), match any one
    /// character, and the text decides afterwards.
    fn like(needle: &str) -> String {
        let inner: String = needle
            .chars()
            .map(|c| {
                if c.is_ascii() && !matches!(c, '%' | '_' | '\\') {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        format!("%{inner}%")
    }
}

/// One stored value that names the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub table: String,
    /// The row's id, as text.
    pub id: String,
    pub column: String,
    /// The column's type, as the database names it (`jsonb` needs a cast to be written).
    pub kind: String,
    pub value: String,
}

/// Each (table, column, type) that holds text, from the database's own catalogue.
async fn text_columns<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(String, String, String)>, AppError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c, \
             CAST(data_type AS TEXT) AS k FROM information_schema.columns \
             WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c, p.type AS k FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p WHERE m.type = 'table' \
             AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let (t, c, k): (String, String, String) = (
            r.try_get("", "t")?,
            r.try_get("", "c")?,
            r.try_get("", "k")?,
        );
        let lower = k.to_lowercase();
        let text = ["char", "text", "json", "clob"]
            .iter()
            .any(|w| lower.contains(w));
        if text && !SKIPPED_TABLES.contains(&t.as_str()) {
            out.push((t, c, lower));
        }
    }
    Ok(out)
}

/// Every stored value in which a needle occurs, table by table.
pub async fn find<C: ConnectionTrait>(db: &C, needles: &Needles) -> Result<Vec<Found>, AppError> {
    if needles.strings().is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let mut found = Vec::new();
    for (table, column, kind) in text_columns(db).await? {
        let text = format!("CAST({} AS TEXT)", quoted(&column));
        let conditions: Vec<String> = (1..=needles.strings().len())
            .map(|i| format!("lower({text}) LIKE {}", param(backend, i)))
            .collect();
        let sql = format!(
            "SELECT CAST(id AS TEXT) AS id, {text} AS v FROM {} WHERE {} ORDER BY id",
            quoted(&table),
            conditions.join(" OR ")
        );
        let values: Vec<Value> = needles
            .strings()
            .iter()
            .map(|n| Needles::like(n).into())
            .collect();
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
        for r in rows {
            let id: String = r.try_get("", "id")?;
            let value: Option<String> = r.try_get("", "v")?;
            if let Some(value) = value.filter(|v| needles.occur_in(v)) {
                found.push(Found {
                    table: table.clone(),
                    id,
                    column: column.clone(),
                    kind: kind.clone(),
                    value,
                });
            }
        }
    }
    Ok(found)
}

/// Writes `value` into one place found by [`find`].
pub async fn write<C: ConnectionTrait>(
    db: &C,
    place: &Found,
    value: String,
) -> Result<(), AppError> {
    let backend = db.get_database_backend();
    let target = if backend == DbBackend::Postgres && place.kind.contains("json") {
        format!("CAST({} AS {})", param(backend, 1), place.kind)
    } else {
        param(backend, 1)
    };
    let sql = format!(
        "UPDATE {} SET {} = {target} WHERE CAST(id AS TEXT) = {}",
        quoted(&place.table),
        quoted(&place.column),
        param(backend, 2)
    );
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [value.into(), place.id.clone().into()],
    ))
    .await?;
    Ok(())
}

/// An identifier from the catalogue, quoted for both databases.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The n-th bound value's placeholder.
fn param(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_match_in_any_case_and_leave_json_as_json() {
        let n = Needles::new("anna.ek@kommun.se", &["Åsa-Anna Ek", "åsa-anna ek"]);
        assert!(n.occur_in("Skrivet av ÅSA-ANNA EK i går"));
        assert!(n.occur_in("<ANNA.EK@KOMMUN.SE>"));
        assert!(!n.occur_in("Anna Eklund"));
        assert_eq!(
            n.erased_from("Kontakt: Åsa-Anna Ek, anna.ek@kommun.se."),
            "Kontakt: [raderat], [raderat]."
        );
        let json = r#"{"contacts":[{"name":"åsa-anna ek","email":"Anna.Ek@kommun.se"}],"n":2}"#;
        let erased: serde_json::Value = serde_json::from_str(&n.erased_from(json)).unwrap();
        assert_eq!(
            erased,
            serde_json::json!({"contacts":[{"name":"[raderat]","email":"[raderat]"}],"n":2})
        );
        let long = format!("{}Åsa-Anna Ek{}", "x".repeat(100), "y".repeat(100));
        assert_eq!(
            n.excerpt(&long, 30),
            format!("…{}Åsa-Anna Ek{}…", "x".repeat(10), "y".repeat(9))
        );
        assert_eq!(n.excerpt("Åsa-Anna Ek", 30), "Åsa-Anna Ek");
        // Text that only looks like JSON is text.
        assert_eq!(n.erased_from("{Åsa-Anna Ek"), "{[raderat]");
    }

    #[test]
    fn a_short_name_is_not_searched_for_and_like_patterns_over_find() {
        let n = Needles::new("a_b@x.se", &["Ek"]);
        assert_eq!(n.strings(), ["a_b@x.se"]);
        assert_eq!(Needles::like("a_b%@x.se"), "%a_b_@x.se%");
        assert_eq!(Needles::like("Östen Ärlig"), "%_sten _rlig%");
        assert!(!Needles::new("", &[]).occur_in("anything"));
    }
}
