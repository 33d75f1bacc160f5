//! A small SMTP sink started by the tests: it speaks enough SMTP (RFC 5321) for lettre, keeps
//! every message it accepts, and can be started on a chosen port later to simulate an outage.
//! (mailin-embedded 0.8.3 does not build without its TLS feature, and with it pulls aws-lc.)
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A mailer that sends to the sink on `port`, as a new instance.
pub fn mailer(port: u16) -> app::backend::mail::Mailer {
    app::backend::mail::Mailer::new(
        "ECPA Sverige <noreply@ecpa.invalid>".parse().unwrap(),
        app::backend::mail::Transport::new(
            Some(&format!("smtp://127.0.0.1:{port}")),
            std::path::Path::new("unused"),
        )
        .unwrap(),
    )
}

#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
    /// When the sink accepted it.
    pub at: std::time::SystemTime,
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    pub messages: Arc<Mutex<Vec<Received>>>,
    /// Connections accepted so far.
    pub connections: Arc<AtomicUsize>,
    /// Messages being received right now, and the most at any one time.
    pub in_flight: Arc<AtomicUsize>,
    pub most_in_flight: Arc<AtomicUsize>,
    /// How long the sink takes to accept each message, as a real server's checks take time.
    pub delay: std::time::Duration,
}

impl SmtpSink {
    /// Starts the sink on `port` (0 for any) and returns the port it listens on.
    pub async fn start(&self, port: u16) -> u16 {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind SMTP sink");
        let port = listener.local_addr().expect("addr").port();
        let sink = self.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                sink.connections.fetch_add(1, Ordering::SeqCst);
                let sink = sink.clone();
                tokio::spawn(async move {
                    let _ = session(stream, sink).await;
                });
            }
        });
        port
    }

    pub fn received(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }
}

async fn session(stream: tokio::net::TcpStream, sink: SmtpSink) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let upper = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO")
            || upper.starts_with("MAIL FROM")
            || upper.starts_with("NOOP")
        {
            b"250 OK\r\n"
        } else if upper.starts_with("RSET") {
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO") {
            let addr = line.trim_end()[8..]
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string();
            to.push(addr);
            b"250 OK\r\n"
        } else if upper == "DATA" {
            write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let now = sink.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            sink.most_in_flight.fetch_max(now, Ordering::SeqCst);
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    sink.in_flight.fetch_sub(1, Ordering::SeqCst);
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(
                    line.strip_prefix('.')
                        .filter(|_| line.starts_with(".."))
                        .unwrap_or(&line),
                );
            }
            tokio::time::sleep(sink.delay).await;
            sink.in_flight.fetch_sub(1, Ordering::SeqCst);
            sink.messages.lock().unwrap().push(Received {
                to: std::mem::take(&mut to),
                data,
                at: std::time::SystemTime::now(),
            });
            b"250 OK queued\r\n"
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}
