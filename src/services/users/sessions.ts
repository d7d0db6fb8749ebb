import { createHash, randomBytes } from 'node:crypto';
import type { Account, LoginFailure } from '../../domain/account.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Tx } from '../../storage/write-path.ts';
import type { AuditService } from '../audit/audit.ts';
import { normaliseEmail } from './accounts.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** How long a sign-in may wait for its second factor (services/users/two-factor.ts). */
export const PENDING_TTL_MS = 10 * 60 * 1000;

/** How long a session lives without use, and at most (OWASP Session Management Cheat Sheet). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * "Last seen" (and the address) is written at most this often per session: writing it on every
 * request would turn every newsroom page view into a write. The idle limit is counted from it.
 */
export const SESSION_TOUCH_MS = 5 * 60 * 1000;

/**
 * Sign-in throttling that slows the guesser, never the owner (issue 18):
 * - per address: IP_LIMIT failures within the window block that address for LOCK_MS (the guesser's
 *   own address; a shared office address still has the reset link);
 * - per account (and per unknown e-mail alike, so answers never tell them apart): the first
 *   ACCOUNT_FREE failures within the window cost nothing; after that every further attempt must
 *   wait a delay that doubles from DELAY_BASE_MS up to DELAY_MAX_MS — answered 429 with
 *   Retry-After, the password not even checked. It delays, it never blocks: a guessing run
 *   spread over a thousand addresses gets a handful of guesses an hour;
 * - the owner's way in: a sign-in from an address that has signed in to this account before is not
 *   subject to the account's delay (only to its own address limit), and a password-reset link always
 *   works and signs in.
 */
export const THROTTLE = {
  windowMs: 60 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
  ipLimit: 20,
  accountFree: 5,
  delayBaseMs: 2 * 1000,
  delayMaxMs: 5 * 60 * 1000,
} as const;

/** The wait after `failures` failures of one account within the window (0 while still free). */
export function accountDelayMs(failures: number): number {
  if (failures < THROTTLE.accountFree) return 0;
  return Math.min(THROTTLE.delayBaseMs * 2 ** (failures - THROTTLE.accountFree), THROTTLE.delayMaxMs);
}

export type LoginResult =
  | { ok: true; token: string; account: Account; secondFactor?: never }
  /**
   * The password was right but the account has a second factor: no session yet, only a pending
   * sign-in (`pendingToken`, services/users/two-factor.ts) that the factor turns into one.
   */
  | { ok: true; secondFactor: true; pendingToken: string; account: Account }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked' | 'slowed'; retryAfterSeconds: number };

/** A session as its owner sees it on the profile (never the id a cookie carries, nor its hash). */
export interface SessionInfo {
  /** Names the session in a form: a hash of the stored hash, so it opens nothing. */
  handle: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const handleOf = (idHash: string) => createHash('sha256').update(`session-handle:${idHash}`).digest('hex').slice(0, 24);

export class SessionService {
  // A real hash to verify against when the e-mail is unknown, so both cases take as long.
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: { repos: Repositories; clock: Clock; audit: AuditService }) {}

  private get accounts() {
    return this.deps.repos.accounts;
  }

  async login(emailInput: string, password: string, ip: string, userAgent: string): Promise<LoginResult> {
    const now = this.deps.clock.now();
    const email = normaliseEmail(emailInput);
    const accountKey = `account:${email}`;
    const ipKey = `ip:${ip}`;
    const failed = (reason: 'sign-in.failed' | 'sign-in.slowed' | 'sign-in.locked') => this.deps.audit.record({ account: null, ip, label: email }, { action: reason });

    const ipLock = await this.waitFor(ipKey, now);
    if (ipLock > 0) {
      await failed('sign-in.locked');
      return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(ipLock / 1000) };
    }
    const found = await this.accounts.byEmail(email);
    const knownAddress = found !== null && (await this.accounts.isKnownAddress(found.id, ip));
    const delay = knownAddress ? 0 : await this.waitFor(accountKey, now);
    if (delay > 0) {
      await failed('sign-in.slowed');
      return { ok: false, reason: 'slowed', retryAfterSeconds: Math.ceil(delay / 1000) };
    }

    const stored = found?.passwordHash ?? (await (this.dummyHash ??= hashPassword('no such account: timing only')));
    const good = (await verifyPassword(stored, password)) && found !== null && found.passwordHash !== null;
    if (!good || !found) {
      const r = await this.recordFailure(accountKey, ipKey, now);
      await failed('sign-in.failed');
      if (r.ipLockMs > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(r.ipLockMs / 1000) };
      return { ok: false, reason: 'invalid' };
    }
    const token = randomBytes(32).toString('base64url');
    const { passwordHash: _secret, ...account } = found;
    if (await this.deps.repos.twoFactor.hasFactor(found.id)) {
      // Half a sign-in: no session, no known address, the account's delay left as it is — all of
      // that waits for the second factor (TwoFactorService.secondStep).
      await this.deps.repos.write(async (tx) => {
        await this.startPending(tx, token, found.id);
        await this.deps.audit.record({ account: found, ip }, { action: 'sign-in.password', detail: userAgent.slice(0, 300) }, tx);
      }, { invalidates: [] });
      return { ok: true, secondFactor: true, pendingToken: token, account };
    }
    // Sessions and login failures are on no public page.
    await this.deps.repos.write(async (tx) => {
      // A success from a known address while the account is being guessed leaves the guesser's delay in place.
      if (!(await this.waitFor(accountKey, now, tx))) await this.accounts.clearFailure(accountKey, tx);
      await this.accounts.rememberAddress(tx, found.id, ip, now.toISOString());
      await this.startSession(tx, token, found.id, userAgent, ip);
      await this.deps.audit.record({ account: found, ip }, { action: 'sign-in', detail: userAgent.slice(0, 300) }, tx);
    }, { invalidates: [] });
    return { ok: true, token, account };
  }

  /** A sign-in that owes its second factor, inside the caller's transaction (the password step, a password reset). */
  async startPending(tx: Tx, token: string, userId: number): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.repos.twoFactor.createPending(tx, hashToken(token), userId, now.toISOString(), new Date(now.getTime() + PENDING_TTL_MS).toISOString());
  }

  /** A new session for `userId` inside the caller's transaction (a sign-in, a password reset). */
  async startSession(tx: Tx, token: string, userId: number, userAgent: string, ip: string): Promise<void> {
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    await this.accounts.deleteExpiredSessions(iso, new Date(now.getTime() - SESSION_IDLE_MS).toISOString(), tx);
    await this.accounts.createSession(hashToken(token), userId, iso, new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(), userAgent, ip, tx);
  }

  /**
   * The account and session behind a session cookie, or null when it is unknown, idle too long or
   * too old. Read from the database on every request and kept nowhere: a session ended on one
   * instance is gone on every instance at its next request.
   */
  async current(token: string | undefined, ip: string): Promise<{ account: Account; sessionId: string } | null> {
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
    if (idleSince >= SESSION_TOUCH_MS) await this.deps.repos.write((tx) => this.accounts.touchSession(idHash, now.toISOString(), ip, tx), { invalidates: [] });
    const account = await this.accounts.byId(s.userId);
    return account ? { account, sessionId: idHash } : null;
  }

  async account(token: string | undefined, ip = ''): Promise<Account | null> {
    return (await this.current(token, ip))?.account ?? null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token && token.length <= 100) await this.deps.repos.write((tx) => this.accounts.deleteSession(hashToken(token), tx), { invalidates: [] });
  }

  /** The account's sessions for its profile, most recently used first. */
  async list(userId: number, currentSessionId: string | null): Promise<SessionInfo[]> {
    const now = this.deps.clock.now().getTime();
    const live = (await this.accounts.sessionsOf(userId)).filter((s) => Date.parse(s.expiresAt) > now && now - Date.parse(s.lastSeenAt) < SESSION_IDLE_MS);
    return live.map((s) => ({ handle: handleOf(s.idHash), userAgent: s.userAgent, ip: s.ip, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.idHash === currentSessionId }));
  }

  /** Ends one of the account's own sessions, named by its handle; false when there is none such. */
  async end(userId: number, handle: string): Promise<boolean> {
    const { repos } = this.deps;
    return repos.write(async (tx) => {
      const s = (await this.accounts.sessionsOf(userId, tx)).find((x) => handleOf(x.idHash) === handle);
      if (!s) return false;
      await this.accounts.deleteSession(s.idHash, tx);
      return true;
    }, { invalidates: [] });
  }

  /**
   * Ends every session of the account but `keepSessionId` (the one making the change, when it is
   * the account's own): after a password change, a role change, a deactivation — and a change of
   * sign-in factor, once two-factor sign-in exists. Sessions live only in the database, so this
   * ends them on every instance. Inside the caller's transaction when given one.
   */
  async endOtherSessions(userId: number, keepSessionId?: string | null, tx?: Tx): Promise<number> {
    if (tx) return this.accounts.deleteSessionsOf(tx, userId, keepSessionId ?? undefined);
    return this.deps.repos.write((t) => this.accounts.deleteSessionsOf(t, userId, keepSessionId ?? undefined), { invalidates: [] });
  }

  /** How long until `key` may try again (0: now). */
  private async waitFor(key: string, now: Date, tx?: Tx): Promise<number> {
    const f = await this.accounts.failure(key, tx);
    return f?.lockedUntil ? Math.max(0, Date.parse(f.lockedUntil) - now.getTime()) : 0;
  }

  /** Counts one failure against the account and the address; returns the address's new lockout (ms). */
  private async recordFailure(accountKey: string, ipKey: string, now: Date): Promise<{ ipLockMs: number }> {
    const { repos } = this.deps;
    const iso = now.toISOString();
    const counted = (old: LoginFailure | null): LoginFailure => {
      const fresh = !old || now.getTime() - Date.parse(old.windowStart) >= THROTTLE.windowMs;
      return fresh ? { failures: 1, windowStart: iso, lockedUntil: null } : { failures: old.failures + 1, windowStart: old.windowStart, lockedUntil: null };
    };
    return repos.write(async (tx) => {
      const acc = counted(await repos.accounts.failure(accountKey, tx));
      const delay = accountDelayMs(acc.failures);
      if (delay > 0) acc.lockedUntil = new Date(now.getTime() + delay).toISOString();
      await repos.accounts.putFailure(tx, accountKey, acc);

      const addr = counted(await repos.accounts.failure(ipKey, tx));
      let ipLockMs = 0;
      if (addr.failures >= THROTTLE.ipLimit) {
        ipLockMs = THROTTLE.lockMs;
        addr.lockedUntil = new Date(now.getTime() + ipLockMs).toISOString();
        // A new window starts when the lockout ends.
        addr.failures = 0;
        addr.windowStart = addr.lockedUntil;
      }
      await repos.accounts.putFailure(tx, ipKey, addr);
      return { ipLockMs };
    }, { invalidates: [] });
  }
}
