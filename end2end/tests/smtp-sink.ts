import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on loopback. It runs once for the whole run (see global-setup.ts) and
 * writes every message it receives to `dir` as JSON, so that tests in any worker can read them.
 */
export async function startSink(port: number, dir: string): Promise<{ close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail: Mail = { to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') };
        writeFileSync(join(dir, `${Date.now()}-${n++}.json`), JSON.stringify(mail));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function mails(): Mail[] {
  const dir = process.env.ECPA_E2E_MAIL_SINK;
  if (!dir) throw new Error('ECPA_E2E_MAIL_SINK is not set: the global setup starts the sink');
  return readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Mail);
}

/** Unfolds quoted-printable soft breaks and `=3D`, enough to read a link or a line. */
export function plain(mail: Mail): string {
  return mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

/** The raw mail with its quoted-printable parts decoded as UTF-8, so that Swedish words match. */
export function decoded(mail: Mail): string {
  return plain(mail).replace(/(?:=[0-9A-F]{2})+/g, (run) =>
    Buffer.from(run.split('=').slice(1).map((h) => parseInt(h, 16))).toString('utf8'),
  );
}

export function linkIn(mail: Mail, path: string): string {
  const m = plain(mail).match(new RegExp(`https?://[^\\s"<>]*${path}\\?token=[0-9a-f]{64}`));
  if (!m) throw new Error(`no ${path} link in mail to ${mail.to.join(', ')}`);
  return m[0];
}

/** Every mail to `to` so far whose raw text contains `containing`. */
export function mailsTo(to: string, containing = ''): Mail[] {
  return mails().filter((m) => m.to.includes(to) && decoded(m).includes(containing));
}

/** The first mail to `to` whose raw text contains `containing`, waiting for it to arrive. */
export async function waitForMail(to: string, containing = '', timeoutMs = 20_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = mails().find((m) => m.to.includes(to) && decoded(m).includes(containing));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}
