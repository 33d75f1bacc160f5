//! What a submitted version changed from the one before it, named by the parts of the form.
use super::{EntryDraft, SECTIONS};

/// The key a version's changed attachments are named by, after the draft's parts.
pub const ATTACHMENTS_PART: &str = "attachments";

impl EntryDraft {
    /// The parts of the form where this draft differs from `before`, in the form's order:
    /// `project`, `contacts`, `links`, each section of the description by its key, `english`,
    /// `publication` and `checklist`. Confirmations are compared as a set.
    pub fn changed_parts(&self, before: &EntryDraft) -> Vec<&'static str> {
        // Every field by name (no `..`), so a field added to the draft does not compile until it
        // is given a part below.
        let EntryDraft {
            title: _,
            organisation_display: _,
            competing: _,
            start_date: _,
            ongoing: _,
            end_date: _,
            video_url: _,
            sections: _,
            public_summary_sv: _,
            public_summary_en: _,
            english: _,
            publication_consent: _,
            contacts: _,
            links: _,
            checklist: _,
        } = self;
        // Each part of the form as a value, read the same way from both drafts.
        let project = |d: &EntryDraft| {
            let dates = (d.start_date.clone(), d.ongoing, d.end_date.clone());
            (
                d.title.clone(),
                d.organisation_display.clone(),
                d.competing,
                dates,
            )
        };
        let links = |d: &EntryDraft| (d.links.clone(), d.video_url.clone());
        let publication = |d: &EntryDraft| {
            let summaries = (d.public_summary_sv.clone(), d.public_summary_en.clone());
            (summaries, d.publication_consent)
        };
        let confirmed = |d: &EntryDraft| {
            let mut c = d.checklist.clone();
            c.sort();
            c.dedup();
            c
        };
        let mut parts = Vec::new();
        if project(self) != project(before) {
            parts.push("project");
        }
        if self.contacts != before.contacts {
            parts.push("contacts");
        }
        if links(self) != links(before) {
            parts.push("links");
        }
        parts.extend(
            SECTIONS
                .into_iter()
                .filter(|k| self.sections.get(k) != before.sections.get(k)),
        );
        if self.english != before.english {
            parts.push("english");
        }
        if publication(self) != publication(before) {
            parts.push("publication");
        }
        if confirmed(self) != confirmed(before) {
            parts.push("checklist");
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Link};

    #[test]
    fn each_field_is_named_by_its_part_of_the_form() {
        let before = EntryDraft::default();
        let part = |change: &dyn Fn(&mut EntryDraft)| {
            let mut d = before.clone();
            change(&mut d);
            d.changed_parts(&before)
        };
        assert_eq!(part(&|_| ()), Vec::<&str>::new());
        assert_eq!(part(&|d| d.title = "T".into()), ["project"]);
        assert_eq!(part(&|d| d.organisation_display = "O".into()), ["project"]);
        assert_eq!(part(&|d| d.competing = true), ["project"]);
        assert_eq!(part(&|d| d.start_date = "2022-01-01".into()), ["project"]);
        assert_eq!(part(&|d| d.ongoing = true), ["project"]);
        assert_eq!(part(&|d| d.end_date = "2022-12-31".into()), ["project"]);
        assert_eq!(
            part(&|d| d.contacts.push(Contact {
                name: "N".into(),
                ..Default::default()
            })),
            ["contacts"]
        );
        assert_eq!(
            part(&|d| d.links.push(Link {
                url: "https://example.se".into(),
                ..Default::default()
            })),
            ["links"]
        );
        assert_eq!(part(&|d| d.video_url = "https://v.se".into()), ["links"]);
        for key in SECTIONS {
            assert_eq!(
                part(&|d| d.sections =
                    serde_json::from_value(serde_json::json!({ key: "Ny text." })).unwrap()),
                [key]
            );
        }
        assert_eq!(part(&|d| d.english.title = "Title".into()), ["english"]);
        assert_eq!(part(&|d| d.public_summary_sv = "S".into()), ["publication"]);
        assert_eq!(part(&|d| d.public_summary_en = "S".into()), ["publication"]);
        assert_eq!(part(&|d| d.publication_consent = true), ["publication"]);
        assert_eq!(
            part(&|d| d.checklist.push("on_theme".into())),
            ["checklist"]
        );
        // In the form's order, whatever order they were changed in.
        assert_eq!(
            part(&|d| {
                d.checklist.push("on_theme".into());
                d.sections.methods = "M".into();
                d.title = "T".into();
            }),
            ["project", "methods", "checklist"]
        );
    }

    #[test]
    fn confirmations_in_another_order_are_no_change() {
        let mut before = EntryDraft::default();
        before.checklist = vec!["on_theme".into(), "in_sweden".into()];
        let mut after = before.clone();
        after.checklist = vec!["in_sweden".into(), "on_theme".into()];
        assert!(after.changed_parts(&before).is_empty());
    }
}
