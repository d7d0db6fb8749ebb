import { createHash, randomBytes } from 'node:crypto';
import type { Account, LoginFailure } from '../../domain/account.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { normaliseEmail } from './accounts.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** How long a session lives without use, and at most (OWASP Session Management Cheat Sheet). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Writing last_seen on every request would turn every admin page view into a write.
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * Throttling: after ACCOUNT_LIMIT failures for one e-mail, or IP_LIMIT from one address, within
 * the window, further attempts are refused until the lockout ends. Unknown e-mails are counted
 * the same way, so the answers never reveal whether an account exists.
 */
export const THROTTLE = { windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000, accountLimit: 5, ipLimit: 20 } as const;

export type LoginResult =
  | { ok: true; token: string; account: Account }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionService {
  // A real hash to verify against when the e-mail is unknown, so both cases take as long.
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  private get accounts() {
    return this.deps.repos.accounts;
  }

  async login(emailInput: string, password: string, ip: string, userAgent: string): Promise<LoginResult> {
    const now = this.deps.clock.now();
    const email = normaliseEmail(emailInput);
    const keys = [`account:${email}`, `ip:${ip}`];
    const lockedFor = Math.max(...(await Promise.all(keys.map((k) => this.lockRemaining(k, now)))));
    if (lockedFor > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(lockedFor / 1000) };

    const found = await this.accounts.byEmail(email);
    const stored = found?.passwordHash ?? (await (this.dummyHash ??= hashPassword('no such account: timing only')));
    const good = (await verifyPassword(stored, password)) && found !== null && found.passwordHash !== null;
    if (!good || !found) {
      const locks = await this.recordFailure(keys, now);
      return locks > 0 ? { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(locks / 1000) } : { ok: false, reason: 'invalid' };
    }
    const token = randomBytes(32).toString('base64url');
    const iso = now.toISOString();
    // Sessions and login failures are on no public page.
    await this.deps.repos.write(async (tx) => {
      await this.accounts.clearFailure(keys[0]!, tx);
      await this.accounts.deleteExpiredSessions(iso, new Date(now.getTime() - SESSION_IDLE_MS).toISOString(), tx);
      await this.accounts.createSession(hashToken(token), found.id, iso, new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(), userAgent, tx);
    }, { invalidates: [] });
    const { passwordHash: _secret, ...account } = found;
    return { ok: true, token, account };
  }

  /** The account behind a session cookie, or null when it is unknown, idle too long or too old. */
  async account(token: string | undefined): Promise<Account | null> {
    if (!token || token.length > 100) return null;
    const idHash = hashToken(token);
    const s = await this.accounts.session(idHash);
    if (!s) return null;
    const now = this.deps.clock.now();
    const idleSince = now.getTime() - Date.parse(s.lastSeenAt);
    if (Date.parse(s.expiresAt) <= now.getTime() || idleSince >= SESSION_IDLE_MS) {
      await this.deps.repos.write((tx) => this.accounts.deleteSession(idHash, tx), { invalidates: [] });
      return null;
    }
    if (idleSince >= TOUCH_EVERY_MS) await this.deps.repos.write((tx) => this.accounts.touchSession(idHash, now.toISOString(), tx), { invalidates: [] });
    return this.accounts.byId(s.userId);
  }

  async logout(token: string | undefined): Promise<void> {
    if (token && token.length <= 100) await this.deps.repos.write((tx) => this.accounts.deleteSession(hashToken(token), tx), { invalidates: [] });
  }

  private async lockRemaining(key: string, now: Date): Promise<number> {
    const f = await this.accounts.failure(key);
    return f?.lockedUntil ? Math.max(0, Date.parse(f.lockedUntil) - now.getTime()) : 0;
  }

  /** Counts one failure against each key; returns how long the longest new lockout lasts (ms). */
  private async recordFailure(keys: string[], now: Date): Promise<number> {
    const { repos } = this.deps;
    const iso = now.toISOString();
    return repos.write(async (tx) => {
      let lock = 0;
      for (const key of keys) {
        const limit = key.startsWith('ip:') ? THROTTLE.ipLimit : THROTTLE.accountLimit;
        const old = await repos.accounts.failure(key, tx);
        const fresh = !old || now.getTime() - Date.parse(old.windowStart) >= THROTTLE.windowMs;
        const next: LoginFailure = fresh
          ? { failures: 1, windowStart: iso, lockedUntil: null }
          : { failures: old.failures + 1, windowStart: old.windowStart, lockedUntil: null };
        if (next.failures >= limit) {
          next.lockedUntil = new Date(now.getTime() + THROTTLE.lockMs).toISOString();
          // A new window starts when the lockout ends.
          next.failures = 0;
          next.windowStart = next.lockedUntil;
          lock = Math.max(lock, THROTTLE.lockMs);
        }
        await repos.accounts.putFailure(tx, key, next);
      }
      return lock;
    }, { invalidates: [] });
  }
}
