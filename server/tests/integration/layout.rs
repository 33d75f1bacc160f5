//! The shape of the code, read from the source tree: the backend's rooms lean on each other in
//! one direction only, no file grows into a warehouse, and the interface texts use typographic
//! apostrophes and quotes. These read the files as text; they need neither a database nor a
//! server.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be; the i18n string tables (one struct of texts per
/// language) are exempt.
const MAX_LINES: usize = 600;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the server crate sits in the workspace")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `backend/`: `jury/scoring.rs` is `["jury", "scoring"]`,
/// `jury/mod.rs` is `["jury"]`.
fn module_path(backend: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(backend).expect("below backend");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The first names of the paths a `{...}` group opens: `{a, b::c, d::{e, f}}` gives a, b, d.
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let (mut depth, mut current, mut at_head) = (0, String::new(), true);
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(std::mem::take(&mut current));
                at_head = true;
                continue;
            }
            _ => {}
        }
        if depth == 0 && at_head {
            if c == ':' {
                at_head = false;
            } else if !c.is_whitespace() {
                current.push(c);
            }
        }
    }
    heads.push(current);
    heads
        .into_iter()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .collect()
}

/// The backend rooms a file names: through `crate::backend::` or `super::` (resolved from the
/// file's own place), single names and `{...}` groups alike.
fn rooms_named(source: &str, module: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = source;
    loop {
        let at = match (rest.find("crate::backend::"), rest.find("super::")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let (from_crate, after) = if rest[at..].starts_with("crate::backend::") {
            (true, &rest[at + "crate::backend::".len()..])
        } else {
            (false, &rest[at..])
        };
        // Resolve `super::super::…` against the file's module path.
        let mut base: Vec<String> = if from_crate { vec![] } else { module.to_vec() };
        let mut tail = after;
        if !from_crate {
            // A file's own `super` is its parent module: for `jury/scoring.rs` that is `jury`.
            while let Some(t) = tail.strip_prefix("super::") {
                base.pop();
                tail = t;
            }
        }
        let names = if let Some(group) = tail.strip_prefix('{') {
            // The brace that closes this group, past any nested ones.
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            group_heads(&group[..end])
        } else {
            vec![
                tail.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            ]
        };
        for name in names {
            let mut path = base.clone();
            path.push(name);
            if let Some(room) = path.first() {
                found.insert(room.clone());
            }
        }
        // On past the whole prefix: the inner `super::` of a chain is not a path of its own.
        rest = tail;
    }
    found
}

#[test]
fn the_backend_rooms_depend_on_each_other_without_a_circle() {
    let backend = workspace().join("app/src/backend");
    let rooms: BTreeSet<String> = std::fs::read_dir(&backend)
        .expect("the backend folder")
        .map(|e| e.expect("an entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_string();
            (p.is_dir() || name.ends_with(".rs")).then(|| name.trim_end_matches(".rs").to_string())
        })
        .filter(|n| n != "mod")
        .collect();
    let mut files = Vec::new();
    rust_files(&backend, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_path(&backend, file);
        let Some(own) = module.first().cloned() else {
            continue; // backend/mod.rs itself
        };
        let source = std::fs::read_to_string(file).expect("a source file");
        for room in rooms_named(&source, &module) {
            if room != own && rooms.contains(&room) {
                edges.entry(own.clone()).or_default().insert(room);
            }
        }
    }
    // The reading is not empty: the jury names the entries, downwards.
    assert!(
        edges.get("jury").is_some_and(|e| e.contains("entries")),
        "{edges:?}"
    );
    // A depth-first walk that reports the first circle it closes.
    fn walk(
        room: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|r| r == room) {
            let mut circle = path[i..].to_vec();
            circle.push(room.to_string());
            return Some(circle);
        }
        if done.contains(room) {
            return None;
        }
        path.push(room.to_string());
        for next in edges.get(room).into_iter().flatten() {
            if let Some(c) = walk(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(room.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for room in edges.keys() {
        if let Some(circle) = walk(room, &edges, &mut Vec::new(), &mut done) {
            panic!("the backend rooms form a circle: {}", circle.join(" → "));
        }
    }
}

#[test]
fn the_circle_finder_sees_a_circle_through_super_and_groups() {
    let jury = rooms_named(
        "use super::super::entries::applicant;\nuse crate::backend::{audit, publication::x};",
        &["jury".into(), "scoring".into()],
    );
    assert_eq!(
        jury,
        ["audit", "entries", "publication"].map(String::from).into()
    );
    // In a room's own mod.rs `super::` is the backend.
    let own = rooms_named("use super::{clock::when, entities};", &["jury".into()]);
    assert_eq!(own, ["clock", "entities"].map(String::from).into());
    // In a part of a room `super::` is the room itself.
    let part = rooms_named("use super::*;", &["jury".into(), "scoring".into()]);
    assert_eq!(part, ["jury"].map(String::from).into());
}

#[test]
fn no_source_file_is_over_600_lines_the_string_tables_aside() {
    let root = workspace();
    let mut files = Vec::new();
    rust_files(&root.join("app/src"), &mut files);
    rust_files(&root.join("server/src"), &mut files);
    assert!(files.len() > 50, "the tree was read: {} files", files.len());
    let i18n = root.join("app/src/i18n");
    let long: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(&i18n))
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines})", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

/// The string literals of `source` whose text holds a straight apostrophe or double quote.
/// Strings are read as Rust reads them: escaped, raw, over several lines, or among a macro's
/// tokens (`format!`, `view!`); comments and character literals are not strings.
fn straight_quotes(source: &str) -> Vec<String> {
    use syn::visit::Visit;

    #[derive(Default)]
    struct Finder(Vec<String>);
    impl Finder {
        fn text(&mut self, s: &syn::LitStr) {
            let text = s.value();
            if text.contains(['\'', '"']) {
                self.0.push(text);
            }
        }
        fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
            for tree in tokens {
                match tree {
                    proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                    proc_macro2::TokenTree::Literal(l) => {
                        if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                            self.text(&s);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    impl<'a> Visit<'a> for Finder {
        // Doc comments and attributes are no interface text.
        fn visit_attribute(&mut self, _: &'a syn::Attribute) {}
        fn visit_lit_str(&mut self, s: &'a syn::LitStr) {
            self.text(s);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            self.tokens(m.tokens.clone());
        }
    }
    let file = syn::parse_file(source).expect("a Rust source file");
    let mut finder = Finder::default();
    finder.visit_file(&file);
    finder.0
}

/// The straight quotes in the string literals of the Rust files below each of `dirs`, as
/// `file: text`.
fn straight_quotes_below(dirs: &[&str]) -> Vec<String> {
    let root = workspace();
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 10,
        "the texts were read: {} files",
        files.len()
    );
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("a source file");
            straight_quotes(&text)
                .into_iter()
                .map(move |s| format!("{}: {s}", f.display()))
        })
        .collect()
}

#[test]
fn the_interface_texts_and_the_demo_data_use_typographic_apostrophes_and_quotes() {
    // ’ in English, ”…” in Swedish and “…” in English, as the mails already are; a straight one
    // among them reads as a slip to a journalist or the secretariat. The demo data is what the
    // public pages show until a real year is entered.
    let straight = straight_quotes_below(&["app/src/i18n", "app/src/backend/demo"]);
    assert!(straight.is_empty(), "straight quotes: {straight:#?}");
}

#[test]
fn the_quote_finder_sees_a_straight_apostrophe_and_quote_in_a_string_only() {
    let source = r####"
// The jury's own.
/// The jury's doc.
const A: &str = "The jury's decision";
const B: char = '\'';
const C: &str = "It reads \"Not given\".";
const D: &str = "The jury’s “text”";
const E: &str = "Runs on \
    to the jury's next line";
const F: &str = r#"A raw "quote""#;
const G: &[u8] = b"The byte's";
fn h() -> String {
    format!("{}'s sheet", 1)
}
"####;
    assert_eq!(
        straight_quotes(source),
        [
            "The jury's decision",
            "It reads \"Not given\".",
            "Runs on to the jury's next line",
            "A raw \"quote\"",
            "{}'s sheet"
        ]
    );
}
