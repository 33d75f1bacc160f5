//! How a mail is laid out: its words filled in, as plain text and as HTML, with the links
//! and the signature.
use super::{OwnWords, Template};
use crate::i18n::Lang;
use crate::i18n::mail::fill;
use crate::model::When;

/// A date and time as the mail's language writes it.
pub(super) fn when(lang: Lang, at: &When) -> String {
    lang.date_time(&at.date, &at.time)
}

/// One line a name, each after a dash.
pub(super) fn bullets(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| format!("- {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A mail as it is queued.
pub(in crate::backend::mail) struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Escapes text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs as HTML: a blank line starts a new paragraph, a single newline breaks the line.
fn paragraphs_html(paragraphs: &[&str]) -> String {
    paragraphs
        .iter()
        .flat_map(|p| p.split("\n\n"))
        .map(|p| {
            let lines: Vec<String> = p.lines().map(escape).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn link_html(link: &str, label: &str) -> String {
    format!("<p><a href=\"{}\">{}</a></p>", escape(link), escape(label))
}

impl Template {
    /// The mail in `lang`: subject, plain text and HTML, signed by ECPA Sverige / Brå. `own`
    /// are a year's own subject and main text in place of the portal's.
    pub(in crate::backend::mail) fn render(&self, lang: Lang, own: Option<&OwnWords>) -> Rendered {
        let (words, values, link) = self.text(lang);
        let second = self.feedback_link().map(|l| (lang.mail().feedback_link, l));
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let [subject, greeting, body, label, closing] = [
            own.map_or(words.subject, |o| o.subject.as_str()),
            words.greeting,
            own.map_or(words.body, |o| o.body.as_str()),
            words.label,
            words.closing,
        ]
        .map(|part| fill(part, &values));
        let signature = lang.mail().signature;
        let (second_text, second_html) = second
            .map(|(l, href)| {
                (
                    format!("{l}: {href}\n\n"),
                    format!("{}\n", link_html(href, l)),
                )
            })
            .unwrap_or_default();
        let text = format!(
            "{greeting}\n\n{body}\n\n{label}: {link}\n\n{second_text}{closing}\n\n-- \n{signature}\n"
        );
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><body>\n{}\n{}\n{second_html}{}\n<p>{}</p>\n</body></html>\n",
            lang.code(),
            paragraphs_html(&[&greeting, &body]),
            link_html(link, &label),
            paragraphs_html(&[&closing]),
            escape(signature),
        );
        Rendered {
            subject,
            text,
            html,
        }
    }
}
