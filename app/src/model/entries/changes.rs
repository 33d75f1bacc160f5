//! What a submitted version changed from the one before it, named by the parts of the form.
use super::{EntryDraft, SECTIONS};

/// The key a version's changed attachments are named by, after the draft's parts.
pub const ATTACHMENTS_PART: &str = "attachments";

impl EntryDraft {
    /// The parts of the form where this draft differs from `before`, in the form's order:
    /// `project`, `contacts`, `links`, each section of the description by its key, `english`,
    /// `publication` and `checklist`. Confirmations are compared as a set.
    pub fn changed_parts(&self, before: &EntryDraft) -> Vec<&'static str> {
        // Named field by field, so a field added to the draft must be given a part here.
        let EntryDraft {
            title,
            organisation_display,
            competing,
            start_date,
            ongoing,
            end_date,
            video_url,
            sections,
            public_summary_sv,
            public_summary_en,
            english,
            publication_consent,
            contacts,
            links,
            checklist,
        } = self;
        let confirmed = |c: &[String]| {
            let mut c = c.to_vec();
            c.sort();
            c.dedup();
            c
        };
        let mut parts = Vec::new();
        let project = (
            title,
            organisation_display,
            competing,
            start_date,
            ongoing,
            end_date,
        ) != (
            &before.title,
            &before.organisation_display,
            &before.competing,
            &before.start_date,
            &before.ongoing,
            &before.end_date,
        );
        if project {
            parts.push("project");
        }
        if *contacts != before.contacts {
            parts.push("contacts");
        }
        if (links, video_url) != (&before.links, &before.video_url) {
            parts.push("links");
        }
        parts.extend(
            SECTIONS
                .into_iter()
                .filter(|k| sections.get(k) != before.sections.get(k)),
        );
        if *english != before.english {
            parts.push("english");
        }
        let publication = (public_summary_sv, public_summary_en, publication_consent)
            != (
                &before.public_summary_sv,
                &before.public_summary_en,
                &before.publication_consent,
            );
        if publication {
            parts.push("publication");
        }
        if confirmed(checklist) != confirmed(&before.checklist) {
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
