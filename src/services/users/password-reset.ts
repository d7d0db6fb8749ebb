import { randomBytes } from 'node:crypto';
import type { Account } from '../../domain/account.ts';
import { Invalid } from '../../domain/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import type { Mailer } from '../../platform/mailer.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { AuditService } from '../audit/audit.ts';
import { normaliseEmail } from './accounts.ts';
import { hashPassword, type HashCost, validatePassword } from './passwords.ts';
import { hashToken, type SessionService } from './sessions.ts';

/** A reset link works once, for an hour (OWASP Forgot Password Cheat Sheet). */
export const RESET_TTL_MS = 60 * 60 * 1000;

export interface PasswordResetDeps {
  repos: Repositories;
  clock: Clock;
  mailer: Mailer;
  sessions: SessionService;
  audit: AuditService;
  hashCost?: HashCost;
}

export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * Mails a one-time link when the e-mail belongs to an account. The caller answers the same
   * either way, so the form cannot be used to find out who has an account.
   */
  async request(emailInput: string, linkFor: (token: string) => string): Promise<void> {
    const { repos, clock, mailer } = this.deps;
    const account = await repos.accounts.byEmail(normaliseEmail(emailInput));
    // No password is a deactivated account (or a byline): a reset must not open it again.
    if (!account || account.passwordHash === null) return;
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    // A reset token is on no public page.
    await repos.write((tx) => repos.accounts.createReset(hashToken(token), account.id, now.toISOString(), new Date(now.getTime() + RESET_TTL_MS).toISOString(), tx), { invalidates: [] });
    const t = adminTranslator(account.locale);
    await mailer.send({
      to: account.email,
      subject: t('resetMailSubject'),
      text: t('resetMailBody', { name: account.name, link: linkFor(token), minutes: RESET_TTL_MS / 60000 }),
    });
  }

  /** Is this token still good? (The reset page asks before showing the form.) */
  async isUsable(token: string): Promise<boolean> {
    const { repos, clock } = this.deps;
    const r = await repos.accounts.reset(hashToken(token));
    return r !== null && r.usedAt === null && Date.parse(r.expiresAt) > clock.now().getTime();
  }

  /**
   * Sets a new password with a token: once only, before it expires. Every session of the
   * account ends (a reset often follows a stolen password), the address is remembered as the
   * account's (the sign-in delay a guessing run causes stays for everyone else), and the
   * person holding the link is signed in with a new session (`sessionToken`): the owner's way in
   * that no guessing run can slow down. Unless the account has a second factor: an e-mail alone
   * never opens such an account, so the link then leads to the second step (`pendingToken`).
   */
  async reset(token: string, password: string, client: { ip: string; userAgent: string }): Promise<{ account: Account; sessionToken: string; secondFactor: false } | { account: Account; pendingToken: string; secondFactor: true }> {
    validatePassword(password);
    const hash = await hashPassword(password, this.deps.hashCost);
    const { repos, clock } = this.deps;
    const now = clock.now().toISOString();
    const idHash = hashToken(token);
    const sessionToken = randomBytes(32).toString('base64url');
    // A password is on no public page.
    const { userId, secondFactor } = await repos.write(async (tx) => {
      const r = await repos.accounts.reset(idHash, tx);
      if (!r || r.usedAt !== null || r.expiresAt <= now || !(await repos.accounts.useReset(tx, idHash, now))) {
        throw new Invalid('token', 'link_expired');
      }
      const holder = await repos.accounts.byId(r.userId, tx);
      if (!holder || (await repos.accounts.byEmail(holder.email, tx))?.passwordHash == null) {
        throw new Invalid('token', 'link_expired'); // deactivated since it was sent
      }
      await repos.accounts.setPasswordHash(tx, r.userId, hash);
      await repos.accounts.expireResetsOf(tx, r.userId, now);
      await this.deps.sessions.endOtherSessions(r.userId, null, tx);
      await this.deps.audit.record({ account: holder, ip: client.ip }, { action: 'password.reset' }, tx);
      if (await repos.twoFactor.hasFactor(r.userId, tx)) {
        await this.deps.sessions.startPending(tx, sessionToken, r.userId);
        return { userId: r.userId, secondFactor: true };
      }
      await repos.accounts.rememberAddress(tx, r.userId, client.ip, now);
      await this.deps.sessions.startSession(tx, sessionToken, r.userId, client.userAgent, client.ip);
      return { userId: r.userId, secondFactor: false };
    }, { invalidates: [] });
    const account = await repos.accounts.byId(userId);
    if (!account) throw new Invalid('token', 'link_expired');
    return secondFactor ? { account, pendingToken: sessionToken, secondFactor } : { account, sessionToken, secondFactor };
  }
}
