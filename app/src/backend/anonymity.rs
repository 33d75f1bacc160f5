//! The anonymity room: what the jurors of a round that reviews anonymously get in place of the
//! applicant's identity (`competition.anonymous_review`, set on the year's form, a hosted
//! round's page or the final's). They see neither the organisation nor its contacts, on their
//! pages, in the reading copy and pack, and in the ranking; attachments reach them under
//! numbered names
//! ("Bilaga 2.pdf") and without document metadata (a PDF's author and XMP through
//! `blobs::pdf_without_metadata`; images were stored without EXIF already). Who is a juror of
//! an entry is the jury's rule; the organiser and the applicant's organisation see everything.
//! The entry's title, text and links are the applicant's own words: the entry form asks the
//! applicants of such a round not to name themselves there.
use super::entities::competition;
use crate::i18n::{Lang, entries::fill};
use crate::model::{AttachmentView, EntryDraft};

/// The round's jurors review anonymously.
pub(crate) fn anonymous(c: &competition::Model) -> bool {
    c.anonymous_review
}

/// The entry as an anonymised juror reads it: without the organisation and the contacts.
pub(crate) fn mask(d: &mut EntryDraft) {
    d.organisation_display.clear();
    d.contacts.clear();
}

/// The neutral name of an entry's attachment for its jurors: its place among the entry's files
/// (from 1) and the extension of its name, `2.pdf`. Pages put the word before it in their
/// language ([`attachment_name`]).
pub fn numbered(position: usize, name: &str) -> String {
    match name.rsplit_once('.') {
        Some((base, ext)) if !base.is_empty() && !ext.is_empty() => format!("{position}.{ext}"),
        _ => position.to_string(),
    }
}

/// An anonymised attachment's whole name in `lang`: "Bilaga 2.pdf", "Attachment 2.pdf".
pub fn attachment_name(position: usize, name: &str, lang: Lang) -> String {
    fill(lang.e().attachment_numbered, &[&numbered(position, name)])
}

/// An entry's attachments as an anonymised juror lists them: each under its [`numbered`] name.
pub(crate) fn numbered_views(files: &mut [AttachmentView]) {
    for (i, a) in files.iter_mut().enumerate() {
        a.file_name = numbered(i + 1, &a.file_name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attachment_keeps_only_its_place_and_extension() {
        assert_eq!(numbered(2, "Malmö stad – utvärdering.pdf"), "2.pdf");
        assert_eq!(numbered(1, "README"), "1");
        assert_eq!(numbered(3, ".pdf"), "3");
        assert_eq!(
            attachment_name(2, "Malmö stad.pdf", Lang::Sv),
            "Bilaga 2.pdf"
        );
        assert_eq!(
            attachment_name(2, "Malmö stad.pdf", Lang::En),
            "Attachment 2.pdf"
        );
    }
}
