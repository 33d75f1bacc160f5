//! How mail leaves the portal: over SMTP, or into a folder of `.eml` files in development, as
//! one instance of the worker.
use std::path::Path;
use std::time::Duration as StdDuration;

use lettre::message::{Attachment, Mailbox, MultiPart, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::backend::entities::{mail_attachment, mail_outbox};

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development default: one `.eml` file per mail in a folder.
    File(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    /// `smtp://host:port` (plain, for local sinks), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465` (TLS). Without a URL, mail goes to `dir`.
    pub fn new(smtp_url: Option<&str>, dir: &Path) -> Result<Transport, String> {
        match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Transport::Smtp(b.timeout(Some(StdDuration::from_secs(20))).build()))
                .map_err(|e| format!("ECPA_SMTP_URL is not a usable SMTP URL: {e}")),
            None => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create the mail folder {dir:?}: {e}"))?;
                Ok(Transport::File(AsyncFileTransport::new(dir)))
            }
        }
    }

    pub(super) async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::File(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub transport: Transport,
    /// This instance's name in the claims it makes: random, new at every start, so that a
    /// restarted instance does not mistake its dead predecessor's claims for its own.
    pub instance: String,
}

impl Mailer {
    pub fn new(from: Mailbox, transport: Transport) -> Mailer {
        use rand::Rng;
        let id: u64 = rand::rng().random();
        Mailer {
            from,
            transport,
            instance: format!("{id:016x}"),
        }
    }
}

/// The mail as a message: its text and HTML, and after them the files attached to it.
pub(super) fn build(
    from: &Mailbox,
    m: &mail_outbox::Model,
    files: &[mail_attachment::Model],
) -> Result<Message, String> {
    let to: Mailbox = format!(
        "{} <{}>",
        m.to_name.replace(['<', '>', '"'], ""),
        m.to_address
    )
    .parse()
    .or_else(|_| m.to_address.parse())
    .map_err(|e| format!("bad recipient: {e}"))?;
    // The same Message-ID at every try: a mail sent again after a crash (accepted by the SMTP
    // server, not yet recorded) is recognisably the same message to the recipient's client.
    let domain = from.email.domain().to_string();
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&m.subject)
        .message_id(Some(format!(
            "<ecpa-outbox-{}-{}@{domain}>",
            m.id,
            m.created_at.timestamp()
        )));
    if let Some(url) = &m.list_unsubscribe {
        use lettre::message::header::{HeaderName, HeaderValue};
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    let body = MultiPart::alternative_plain_html(m.body_text.clone(), m.body_html.clone());
    if files.is_empty() {
        return builder.multipart(body).map_err(|e| e.to_string());
    }
    let mixed = files
        .iter()
        .try_fold(MultiPart::mixed().multipart(body), |mixed, f| {
            let kind = ContentType::parse(&f.content_type).map_err(|e| e.to_string())?;
            Ok::<_, String>(
                mixed
                    .singlepart(Attachment::new(f.file_name.clone()).body(f.content.clone(), kind)),
            )
        })?;
    builder.multipart(mixed).map_err(|e| e.to_string())
}
