import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSink } from './smtp-sink';

/** One SMTP sink for the whole run, on the port the server sends to. */
export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'ecpa-mail-'));
  process.env.ECPA_E2E_MAIL_SINK = dir;
  const sink = await startSink(Number(process.env.ECPA_E2E_SMTP_PORT ?? 2525), dir);
  return async () => {
    await sink.close();
  };
}
