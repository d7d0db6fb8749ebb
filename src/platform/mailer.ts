import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type * as Nodemailer from 'nodemailer';
import { lazyModule } from './lazy-module.ts';

// Only a site with SMTP_URL loads the SMTP client.
const nodemailer = lazyModule<typeof Nodemailer>('nodemailer');

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends plain-text e-mail. One implementation per environment, chosen once at start. */
export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

/** RFC 2047 encoded-word, so an Arabic subject survives any mail reader. */
function encodeHeader(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

/** Header values must not smuggle in extra headers. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/**
 * Without SMTP every message is written as an .eml file (readable by any mail client) and its
 * path logged, so a one-machine site can still send password resets: the admin opens the file.
 */
export class OutboxMailer implements Mailer {
  constructor(
    readonly dir: string,
    private readonly from: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async send(msg: MailMessage): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const path = join(this.dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
    const eml = [
      `From: ${oneLine(this.from)}`,
      `To: ${oneLine(msg.to)}`,
      `Subject: ${encodeHeader(oneLine(msg.subject))}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      (Buffer.from(msg.text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'),
      '',
    ].join('\r\n');
    writeFileSync(path, eml, { mode: 0o600 });
    this.log(`mail to ${oneLine(msg.to)} written to ${path}`);
  }
}

export class SmtpMailer implements Mailer {
  private readonly transport: Nodemailer.Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer().createTransport(url);
  }

  async send(msg: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: msg.to, subject: msg.subject, text: msg.text });
  }
}

/** Keeps messages in memory (tests). */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(msg: MailMessage): Promise<void> {
    this.sent.push(msg);
  }
}

/** The outbox sits next to the SQLite file, or in ./data/outbox for PostgreSQL and in-memory databases. */
export function outboxDirFor(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path && path !== ':memory:') return join(dirname(resolve(path)), 'outbox');
  }
  return resolve('data', 'outbox');
}

export function createMailer(opts: { smtpUrl: string | null; from: string; databaseUrl: string; log?: (line: string) => void }): Mailer {
  return opts.smtpUrl ? new SmtpMailer(opts.smtpUrl, opts.from) : new OutboxMailer(outboxDirFor(opts.databaseUrl), opts.from, opts.log);
}
