import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The newest password link (reset or invitation) mailed to `recipient`, read where the development sink
 * keeps outgoing mail (DATA_DIR/outgoing-notifications.jsonl) once the background send has written it.
 */
export async function mailedPasswordLink(
  dataDir: string,
  recipient: string,
  kind: 'password_reset' | 'invitation',
): Promise<string> {
  const file = path.join(dataDir, 'outgoing-notifications.jsonl');
  for (let attempt = 0; attempt < 50; attempt++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const mails = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { recipient: string; body: string; data: { kind?: string } })
      .filter((mail) => mail.recipient === recipient && mail.data.kind === kind);
    const link = /http\S+reset-password#token=\S+/.exec(mails.at(-1)?.body ?? '')?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} link mailed to ${recipient}`);
}
