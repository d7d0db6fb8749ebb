import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.ts';
import { createMailer, OutboxMailer, outboxDirFor, SmtpMailer } from './mailer.ts';

describe('mailer', () => {
  it('without SMTP, writes each message as an .eml file in the outbox and logs where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-outbox-'));
    try {
      const lines: string[] = [];
      const m = new OutboxMailer(dir, 'Khabar <no-reply@news.test>', (l) => lines.push(l));
      await m.send({ to: 'salma@example.org\r\nBcc: evil@example.org', subject: 'رابط تعيين كلمة المرور', text: 'مرحباً\nhttp://news.test/x' });
      const [file] = readdirSync(dir);
      assert.match(file!, /\.eml$/);
      const eml = readFileSync(join(dir, file!), 'utf8');
      assert.match(eml, /^To: salma@example\.org Bcc: evil@example\.org\r$/m, 'no header injection');
      assert.doesNotMatch(eml, /^Bcc:/m);
      assert.match(eml, /^Subject: =\?UTF-8\?B\?/m);
      const body = eml.split('\r\n\r\n')[1]!;
      assert.equal(Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8'), 'مرحباً\nhttp://news.test/x');
      assert.match(lines[0]!, new RegExp(`written to ${join(dir, file!)}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the outbox next to the SQLite file, else in ./data/outbox', () => {
    assert.equal(outboxDirFor('sqlite:/srv/khabar/site.sqlite'), '/srv/khabar/outbox');
    assert.equal(outboxDirFor('sqlite::memory:'), join(process.cwd(), 'data', 'outbox'));
    assert.equal(outboxDirFor('postgres://db/khabar'), join(process.cwd(), 'data', 'outbox'));
  });

  it('uses SMTP when SMTP_URL is set, and checks the setting', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', SITE_URL: 'https://news.example.org' });
    assert.equal(config.mailFrom, 'Khabar <no-reply@news.example.org>');
    assert.ok(createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, databaseUrl: config.databaseUrl }) instanceof SmtpMailer);
    assert.ok(createMailer({ smtpUrl: null, from: config.mailFrom, databaseUrl: 'sqlite::memory:' }) instanceof OutboxMailer);
    assert.throws(() => loadConfig({ SMTP_URL: 'ftp://mail.example.org' }), /SMTP_URL must use smtp: or smtps:/);
    assert.throws(() => loadConfig({ MAIL_FROM: 'not an address' }), /MAIL_FROM must be an address/);
  });

  it('delivers over SMTP (a loopback server that speaks just enough of RFC 5321)', async () => {
    let data = '';
    const server = createServer((sock) => {
      let inData = false;
      sock.write('220 localhost ESMTP test\r\n');
      sock.on('data', (chunk) => {
        for (const line of chunk.toString('utf8').split('\r\n')) {
          if (inData) {
            if (line === '.') {
              inData = false;
              sock.write('250 queued\r\n');
            } else data += `${line}\n`;
          } else if (/^(EHLO|HELO)/i.test(line)) sock.write('250 localhost\r\n');
          else if (/^(MAIL|RCPT)/i.test(line)) sock.write('250 ok\r\n');
          else if (/^DATA/i.test(line)) {
            inData = true;
            sock.write('354 go on\r\n');
          } else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Khabar <no-reply@news.test>').send({ to: 'salma@example.org', subject: 'Reset', text: 'the link' });
      assert.match(data, /^To: salma@example\.org$/m);
      assert.match(data, /^Subject: Reset$/m);
      assert.match(data, /the link/);
    } finally {
      server.close();
    }
  });
});
