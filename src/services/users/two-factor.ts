import { createHash, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { TOTP } from 'otpauth';
import type { Account, LoginFailure } from '../../domain/account.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { isRole, ROLES, type Role } from '../../domain/user.ts';
import type { Clock } from '../../platform/clock.ts';
import { lazyModule } from '../../platform/lazy-module.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { StoredPasskey } from '../../storage/two-factor.ts';
import type { Tx } from '../../storage/write-path.ts';
import type { AuditService, AuditWho } from '../audit/audit.ts';
import { SecretBox } from './secret-box.ts';
import { accountDelayMs, hashToken, type SessionService, THROTTLE } from './sessions.ts';

// Loaded at the first use of a second factor, not at start: the passkey library brings some two
// hundred modules (ASN.1, X.509) that no reader's request needs.
const webauthn = lazyModule<typeof import('@simplewebauthn/server')>('@simplewebauthn/server');
const otpauth = lazyModule<typeof import('otpauth')>('otpauth');

/** A sign-in that owes its second factor takes this many codes (within sessions.ts's PENDING_TTL_MS), then the password is asked again. */
export const PENDING_ATTEMPTS = 5;
export const RECOVERY_CODES = 10;
/** TOTP as every authenticator app reads it (RFC 6238's defaults). */
const TOTP_PERIOD = 30;
const TOTP_DIGITS = 6;
/** Codes of the step before and after are accepted too (a phone's clock a little off). */
const TOTP_WINDOW = 1;
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Settings key: the roles whose accounts must use two factors (comma-separated). */
const REQUIRED_ROLES_KEY = 'two_factor_roles';
// Recovery codes: no 0/o, 1/l/i, so a code copied by hand is read back right.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface TwoFactorDeps {
  repos: Repositories;
  clock: Clock;
  audit: AuditService;
  sessions: SessionService;
  /** The site secret: the key the TOTP secrets are sealed with is derived from it. */
  secret: string;
  /** The relying party for passkeys: the newsroom's host (SITE_URL's) and origin. */
  rp: { id: string; origin: string; name: string };
}

export interface TwoFactorState {
  totp: 'off' | 'pending' | 'on';
  passkeys: Omit<StoredPasskey, 'publicKey' | 'counter' | 'credentialId' | 'userId'>[];
  recoveryLeft: number;
  /** The account's role requires two factors. */
  required: boolean;
}

export type SecondStepResult =
  | { ok: true; sessionToken: string; account: Account }
  | { ok: false; reason: 'invalid' }
  /** The pending sign-in is over (expired, or too many codes): sign in with the password again. */
  | { ok: false; reason: 'gone' }
  | { ok: false; reason: 'slowed'; retryAfterSeconds: number };

/** Who changes a factor: the account itself (keeping the session it acts from) or an administrator. */
export interface FactorChange {
  who: AuditWho;
  keepSessionId: string | null;
}

const recoveryHash = (code: string) => createHash('sha256').update(`recovery:${code}`).digest('hex');
/** A typed recovery code as stored: lower case, no spaces or dashes. */
const normaliseRecovery = (s: string) => s.toLowerCase().replace(/[\s-]/g, '');

function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/**
 * Two-factor sign-in (issue 19): an authenticator app (TOTP), passkeys (WebAuthn) and recovery
 * codes; the roles that must use them; the second step of a sign-in; and the ways back in when a
 * factor is lost (a recovery code, an administrator, `khabar user reset-2fa`) — never e-mail alone.
 * Every change of factor ends the account's other sessions and is recorded in the audit trail.
 */
export class TwoFactorService {
  private readonly box: SecretBox;
  private readonly challengeKey: Buffer;

  constructor(private readonly deps: TwoFactorDeps) {
    this.box = new SecretBox(deps.secret, 'khabar totp secret v1');
    this.challengeKey = Buffer.from(hkdfSync('sha256', Buffer.from(deps.secret), Buffer.from('khabar'), Buffer.from('passkey sign-in challenge v1'), 32));
  }

  private get repo() {
    return this.deps.repos.twoFactor;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  // ---- which roles must ----

  async requiredRoles(): Promise<Role[]> {
    const v = (await this.deps.repos.settings.get(REQUIRED_ROLES_KEY)) ?? '';
    return v.split(',').filter(isRole);
  }

  async setRequiredRoles(roles: string[], who: AuditWho): Promise<Role[]> {
    const unknown = roles.filter((r) => !isRole(r));
    if (unknown.length) throw new Invalid('roles', 'one_of', { options: ROLES.join(', ') });
    const chosen = ROLES.filter((r) => roles.includes(r));
    // A setting of the newsroom: no reader sees it.
    await this.deps.repos.write(async (tx) => {
      await this.deps.repos.settings.set(REQUIRED_ROLES_KEY, chosen.join(','), tx);
      await this.deps.audit.record(who, { action: 'two-factor.require', detail: chosen.join(',') }, tx);
    }, { invalidates: [] });
    return chosen;
  }

  async hasFactor(userId: number): Promise<boolean> {
    return this.repo.hasFactor(userId);
  }

  /** The account's role requires two factors and it has none yet: it enrols before anything else. */
  async mustEnrol(account: Account): Promise<boolean> {
    return (await this.requiredRoles()).includes(account.role) && !(await this.repo.hasFactor(account.id));
  }

  async state(account: Pick<Account, 'id' | 'role'>): Promise<TwoFactorState> {
    const [totp, passkeys, recoveryLeft, required] = await Promise.all([
      this.repo.totp(account.id), this.repo.passkeys(account.id), this.repo.recoveryCodesLeft(account.id), this.requiredRoles(),
    ]);
    return {
      totp: !totp ? 'off' : totp.confirmedAt ? 'on' : 'pending',
      passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt, transports }) => ({ id, name, createdAt, lastUsedAt, transports })),
      recoveryLeft,
      required: required.includes(account.role),
    };
  }

  // ---- the authenticator app ----

  /**
   * The key and otpauth:// address to show while enrolling. The same unconfirmed key is shown
   * again on a reload (so a QR code already scanned stays right); a confirmed app is never shown.
   */
  async totpEnrolment(account: Account): Promise<{ key: string; uri: string } | null> {
    const existing = await this.repo.totp(account.id);
    if (existing?.confirmedAt) return null;
    let key = existing ? this.box.open(existing.secret) : null;
    if (!key) {
      key = new (otpauth().Secret)({ size: 20 }).base32;
      const sealed = this.box.seal(key);
      // An unconfirmed key protects nothing yet: no reader sees it either.
      await this.deps.repos.write((tx) => this.repo.putPendingTotp(tx, account.id, sealed, this.now().toISOString()), { invalidates: [] });
    }
    return { key, uri: this.totpOf(key, account.email).toString() };
  }

  private totpOf(key: string, label = ''): TOTP {
    return new (otpauth().TOTP)({ issuer: this.deps.rp.name, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: otpauth().Secret.fromBase32(key) });
  }

  /**
   * Takes a code of the account's app inside `tx`: right for this moment (± one step) and of a
   * step later than any accepted before, so a code works once.
   */
  private async takeTotpCode(tx: Tx, userId: number, code: string, confirmed: boolean): Promise<boolean> {
    const stored = await this.repo.totp(userId, tx);
    if (!stored || Boolean(stored.confirmedAt) !== confirmed) return false;
    const key = this.box.open(stored.secret);
    if (!key || !/^\d{6}$/.test(code)) return false;
    const timestamp = this.now().getTime();
    const delta = this.totpOf(key).validate({ token: code, timestamp, window: TOTP_WINDOW });
    if (delta === null) return false;
    return this.repo.useStep(tx, userId, otpauth().TOTP.counter({ period: TOTP_PERIOD, timestamp }) + delta);
  }

  /** Confirms the app with a code it shows; returns new recovery codes when this is the account's first factor. */
  async confirmTotp(account: Account, codeInput: string, change: FactorChange): Promise<{ recoveryCodes: string[] | null }> {
    const code = codeInput.replace(/\s/g, '');
    return this.deps.repos.write(async (tx) => {
      const first = !(await this.repo.hasFactor(account.id, tx));
      if (!(await this.takeTotpCode(tx, account.id, code, false))) throw new Invalid('code', 'code_wrong');
      await this.repo.confirmTotp(tx, account.id, this.now().toISOString());
      const recoveryCodes = first ? await this.newRecoveryCodes(tx, account.id) : null;
      await this.factorChanged(tx, account.id, change, 'two-factor.totp-add');
      return { recoveryCodes };
    }, { invalidates: [] });
  }

  async removeTotp(account: Account, change: FactorChange): Promise<void> {
    const required = await this.isRequired(account);
    await this.deps.repos.write(async (tx) => {
      const passkeys = await this.repo.passkeys(account.id, tx);
      if (!passkeys.length && required) throw new Invalid('factor', 'last_factor');
      if (!(await this.repo.deleteTotp(tx, account.id))) throw new NotFound('authenticator app');
      await this.factorChanged(tx, account.id, change, 'two-factor.totp-remove');
    }, { invalidates: [] });
  }

  /** Read before a write begins: SQLite's one connection is the transaction's until it ends. */
  private async isRequired(account: Account): Promise<boolean> {
    return (await this.requiredRoles()).includes(account.role);
  }

  // ---- recovery codes ----

  private async newRecoveryCodes(tx: Tx, userId: number): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await this.repo.replaceRecoveryCodes(tx, userId, codes.map((c) => recoveryHash(normaliseRecovery(c))));
    return codes;
  }

  /** Ten new codes (the old ones stop working), shown once. */
  async regenerateRecoveryCodes(account: Account, change: FactorChange): Promise<string[]> {
    return this.deps.repos.write(async (tx) => {
      if (!(await this.repo.hasFactor(account.id, tx))) throw new Invalid('factor', 'not_applicable');
      const codes = await this.newRecoveryCodes(tx, account.id);
      await this.factorChanged(tx, account.id, change, 'two-factor.recovery-codes');
      return codes;
    }, { invalidates: [] });
  }

  // ---- passkeys ----

  private registrationKey = (sessionId: string) => `reg:${sessionId}`;

  /** The browser's `navigator.credentials.create` options (JSON); the challenge is kept for this session. */
  async passkeyRegistrationOptions(account: Account, sessionId: string): Promise<object> {
    const existing = await this.repo.passkeys(account.id);
    const options = await webauthn().generateRegistrationOptions({
      rpName: this.deps.rp.name,
      rpID: this.deps.rp.id,
      userName: account.email,
      userDisplayName: account.name,
      userID: new TextEncoder().encode(`khabar-user-${account.id}`),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    const now = this.now();
    await this.repo.putChallenge(this.registrationKey(sessionId), options.challenge, new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(), now.toISOString());
    return options;
  }

  /** Verifies and keeps a new passkey; returns new recovery codes when this is the account's first factor. */
  async addPasskey(account: Account, sessionId: string, credentialJson: string, nameInput: string, change: FactorChange): Promise<{ recoveryCodes: string[] | null }> {
    const name = nameInput.trim().slice(0, 100);
    if (!name) throw new Invalid('name', 'required');
    const response = parseJson<RegistrationResponseJSON>(credentialJson);
    const now = this.now().toISOString();
    return this.deps.repos.write(async (tx) => {
      const challenge = await this.repo.takeChallenge(tx, this.registrationKey(sessionId), now);
      if (!response || !challenge) throw new Invalid('credential', 'passkey_failed');
      let info;
      try {
        const v = await webauthn().verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: this.deps.rp.origin, expectedRPID: this.deps.rp.id, requireUserVerification: false });
        info = v.verified ? v.registrationInfo : null;
      } catch {
        info = null;
      }
      if (!info || (await this.repo.credentialTaken(info.credential.id, tx))) throw new Invalid('credential', 'passkey_failed');
      const first = !(await this.repo.hasFactor(account.id, tx));
      await this.repo.addPasskey(tx, {
        userId: account.id, credentialId: info.credential.id, publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter, transports: info.credential.transports ?? [], name, createdAt: now,
      });
      const recoveryCodes = first ? await this.newRecoveryCodes(tx, account.id) : null;
      await this.factorChanged(tx, account.id, change, 'two-factor.passkey-add', name);
      return { recoveryCodes };
    }, { invalidates: [] });
  }

  async renamePasskey(account: Account, id: number, nameInput: string, change: FactorChange): Promise<void> {
    const name = nameInput.trim().slice(0, 100);
    if (!name) throw new Invalid('name', 'required');
    await this.deps.repos.write(async (tx) => {
      if (!(await this.repo.renamePasskey(tx, account.id, id, name))) throw new NotFound(`passkey ${id}`);
      // A new name changes no factor: the other sessions stay.
      await this.deps.audit.record(change.who, { action: 'two-factor.passkey-rename', detail: name }, tx);
    }, { invalidates: [] });
  }

  async removePasskey(account: Account, id: number, change: FactorChange): Promise<void> {
    const required = await this.isRequired(account);
    await this.deps.repos.write(async (tx) => {
      const mine = await this.repo.passkeys(account.id, tx);
      const p = mine.find((x) => x.id === id);
      if (!p) throw new NotFound(`passkey ${id}`);
      const app = await this.repo.totp(account.id, tx);
      if (mine.length === 1 && !app?.confirmedAt && required) throw new Invalid('factor', 'last_factor');
      await this.repo.deletePasskey(tx, account.id, id);
      await this.factorChanged(tx, account.id, change, 'two-factor.passkey-remove', p.name);
    }, { invalidates: [] });
  }

  // ---- a lost factor ----

  /**
   * Every factor of the account gone, and every session of it ended: an administrator in the
   * newsroom or `khabar user reset-2fa`. If its role requires two factors, it enrols again at its
   * next sign-in.
   */
  async reset(userId: number, who: AuditWho): Promise<Account> {
    const account = await this.deps.repos.accounts.byId(userId);
    if (!account) throw new NotFound(`user ${userId}`);
    await this.deps.repos.write(async (tx) => {
      await this.repo.deleteAll(tx, userId);
      await this.deps.sessions.endOtherSessions(userId, null, tx);
      await this.deps.audit.record(who, { action: 'two-factor.reset', target: account.email }, tx);
    }, { invalidates: [] });
    return account;
  }

  private async factorChanged(tx: Tx, userId: number, change: FactorChange, action: string, detail?: string): Promise<void> {
    await this.deps.sessions.endOtherSessions(userId, change.keepSessionId, tx);
    // A change of factor makes every sign-in half-done before it worthless too.
    await this.repo.deletePendingOf(tx, userId);
    await this.deps.audit.record(change.who, { action, ...(detail && { detail }) }, tx);
  }

  // ---- the second step of a sign-in ----

  /** The account behind a pending sign-in's cookie, and which factors it can answer with. */
  async pending(token: string | undefined): Promise<{ account: Account; totp: boolean; passkeys: boolean } | null> {
    if (!token || token.length > 100) return null;
    const p = await this.repo.pending(hashToken(token));
    if (!p || p.expiresAt <= this.now().toISOString() || p.attempts >= PENDING_ATTEMPTS) return null;
    const account = await this.deps.repos.accounts.byId(p.userId);
    if (!account) return null;
    const [app, passkeys] = await Promise.all([this.repo.totp(account.id), this.repo.passkeys(account.id)]);
    return { account, totp: Boolean(app?.confirmedAt), passkeys: passkeys.length > 0 };
  }

  /** The browser's `navigator.credentials.get` options for a pending sign-in (its challenge kept with it), or null. */
  async passkeySignInOptions(token: string): Promise<object | null> {
    const p = await this.pending(token);
    if (!p?.passkeys) return null;
    const passkeys = await this.repo.passkeys(p.account.id);
    const options = await webauthn().generateAuthenticationOptions({
      rpID: this.deps.rp.id,
      allowCredentials: passkeys.map((k) => ({ id: k.credentialId, transports: k.transports as AuthenticatorTransportFuture[] })),
      userVerification: 'preferred',
    });
    await this.repo.setPendingChallenge(hashToken(token), options.challenge);
    return options;
  }

  // ---- a passkey as the way in (no password) ----

  /**
   * A challenge for signing in with a passkey alone: signed (random ‖ expiry ‖ HMAC), not stored,
   * because the sign-in page is shown to anyone and showing it must write nothing. It is recorded
   * once answered, so it works once.
   */
  private signedChallenge(): Uint8Array<ArrayBuffer> {
    const body = Buffer.alloc(24);
    randomBytes(16).copy(body, 0);
    body.writeBigUInt64BE(BigInt(this.now().getTime() + CHALLENGE_TTL_MS), 16);
    const out = new Uint8Array(40);
    out.set(body, 0);
    out.set(createHmac('sha256', this.challengeKey).update(body).digest().subarray(0, 16), 24);
    return out;
  }

  /** The challenge's expiry when it is one of ours and still good, else null. */
  private signedChallengeExpiry(challenge: string): Date | null {
    const raw = Buffer.from(challenge, 'base64url');
    if (raw.length !== 40) return null;
    const body = raw.subarray(0, 24);
    if (!timingSafeEqual(raw.subarray(24), createHmac('sha256', this.challengeKey).update(body).digest().subarray(0, 16))) return null;
    const expires = Number(body.readBigUInt64BE(16));
    return expires > this.now().getTime() ? new Date(expires) : null;
  }

  /** `navigator.credentials.get` options for the sign-in page: any passkey of this newsroom, its user verified. */
  async passkeyLoginOptions(): Promise<object> {
    return webauthn().generateAuthenticationOptions({ rpID: this.deps.rp.id, userVerification: 'required', challenge: this.signedChallenge() });
  }

  /**
   * Signs in with a passkey alone: a passkey is two factors by itself (the device, and the screen
   * lock or fingerprint that unlocks it — user verification is required here). An account without
   * a password (deactivated) is refused like an unknown passkey.
   */
  async signInWithPasskey(credentialJson: string, client: { ip: string; userAgent: string }): Promise<SecondStepResult> {
    const { repos, audit, sessions } = this.deps;
    const response = parseJson<AuthenticationResponseJSON>(credentialJson);
    const failed = async (account: Account | null) => {
      await audit.record({ account, ip: client.ip, label: 'passkey' }, { action: 'sign-in.failed', detail: 'passkey' });
      return { ok: false as const, reason: 'invalid' as const };
    };
    if (!response || typeof response.id !== 'string') return failed(null);
    const key = await this.repo.passkeyByCredential(response.id);
    const account = key && (await repos.accounts.byId(key.userId));
    if (!key || !account || (await repos.accounts.byEmail(account.email))?.passwordHash == null) return failed(null);
    let expires: Date | null = null;
    let answered = '';
    let newCounter = 0;
    try {
      const v = await webauthn().verifyAuthenticationResponse({
        response, expectedOrigin: this.deps.rp.origin, expectedRPID: this.deps.rp.id, requireUserVerification: true,
        expectedChallenge: (c) => {
          answered = c;
          return (expires = this.signedChallengeExpiry(c)) !== null;
        },
        credential: { id: key.credentialId, publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')), counter: key.counter, transports: key.transports as AuthenticatorTransportFuture[] },
      });
      if (!v.verified || !expires) return failed(account);
      newCounter = v.authenticationInfo.newCounter;
    } catch {
      return failed(account);
    }
    const challengeExpiry: Date = expires;
    const now = this.now();
    const sessionToken = randomBytes(32).toString('base64url');
    const ok = await repos.write(async (tx) => {
      if (!(await this.repo.claimChallenge(tx, `used:${createHash('sha256').update(answered).digest('hex')}`, challengeExpiry.toISOString(), now.toISOString()))) return false;
      await this.repo.usePasskey(tx, key.id, newCounter, now.toISOString());
      await repos.accounts.rememberAddress(tx, account.id, client.ip, now.toISOString());
      await sessions.startSession(tx, sessionToken, account.id, client.userAgent, client.ip);
      await audit.record({ account, ip: client.ip }, { action: 'sign-in', detail: `passkey without password; ${client.userAgent.slice(0, 260)}` }, tx);
      return true;
    }, { invalidates: [] });
    return ok ? { ok: true, sessionToken, account } : failed(account);
  }

  /** A code of the app, or a recovery code, for a pending sign-in. */
  async verifyCode(token: string, codeInput: string, client: { ip: string; userAgent: string }): Promise<SecondStepResult> {
    const digits = codeInput.replace(/\s/g, '');
    const recovery = !/^\d+$/.test(digits);
    return this.secondStep(token, client, recovery ? 'recovery-code' : 'totp', async (tx, userId) => {
      if (!recovery) return this.takeTotpCode(tx, userId, digits, true);
      const code = normaliseRecovery(codeInput);
      return code.length === 10 && this.repo.useRecoveryCode(tx, userId, recoveryHash(code), this.now().toISOString());
    });
  }

  /** A passkey's answer (the JSON the page's script posts) for a pending sign-in. */
  async verifyPasskey(token: string, credentialJson: string, client: { ip: string; userAgent: string }): Promise<SecondStepResult> {
    const response = parseJson<AuthenticationResponseJSON>(credentialJson);
    return this.secondStep(token, client, 'passkey', async (tx, userId, challenge) => {
      if (!response || !challenge) return false;
      const key = (await this.repo.passkeys(userId, tx)).find((p) => p.credentialId === response.id);
      if (!key) return false;
      try {
        const v = await webauthn().verifyAuthenticationResponse({
          response, expectedChallenge: challenge, expectedOrigin: this.deps.rp.origin, expectedRPID: this.deps.rp.id, requireUserVerification: false,
          credential: { id: key.credentialId, publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')), counter: key.counter, transports: key.transports as AuthenticatorTransportFuture[] },
        });
        if (!v.verified) return false;
        await this.repo.usePasskey(tx, key.id, v.authenticationInfo.newCounter, this.now().toISOString());
        return true;
      } catch {
        return false;
      }
    });
  }

  /**
   * The second step's rules: the pending sign-in must be live; the account's own code limit (its
   * first THROTTLE.accountFree failures within the window are free, then each further try waits a
   * doubling delay, the code not even checked) — separate from, and on top of, the password step's
   * limits, which stay as they are; a pending sign-in takes PENDING_ATTEMPTS codes at most, then the
   * password is asked again. Only a verified factor turns it into a session.
   */
  private async secondStep(
    token: string, client: { ip: string; userAgent: string }, how: string,
    check: (tx: Tx, userId: number, challenge: string | null) => Promise<boolean>,
  ): Promise<SecondStepResult> {
    const { repos, audit, sessions } = this.deps;
    if (!token || token.length > 100) return { ok: false, reason: 'gone' };
    const idHash = hashToken(token);
    const now = this.now();
    const p = await this.repo.pending(idHash);
    if (!p || p.expiresAt <= now.toISOString() || p.attempts >= PENDING_ATTEMPTS) return { ok: false, reason: 'gone' };
    const account = await repos.accounts.byId(p.userId);
    if (!account) return { ok: false, reason: 'gone' };
    const limitKey = `second-factor:${account.id}`;
    const limit = await repos.accounts.failure(limitKey);
    const wait = limit?.lockedUntil ? Date.parse(limit.lockedUntil) - now.getTime() : 0;
    if (wait > 0) {
      await audit.record({ account, ip: client.ip }, { action: 'sign-in.second-factor-slowed' });
      return { ok: false, reason: 'slowed', retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    const sessionToken = randomBytes(32).toString('base64url');
    // Sessions, codes and failures are on no public page.
    const result = await repos.write(async (tx): Promise<SecondStepResult> => {
      if (!(await check(tx, account.id, p.challenge)) || !(await this.repo.deletePending(tx, idHash))) return { ok: false, reason: 'invalid' };
      await repos.accounts.clearFailure(limitKey, tx);
      // As for a password-only sign-in: a success while the account is being guessed leaves the guesser's delay in place.
      const guessed = await repos.accounts.failure(`account:${account.email}`, tx);
      if (!guessed?.lockedUntil || Date.parse(guessed.lockedUntil) <= now.getTime()) await repos.accounts.clearFailure(`account:${account.email}`, tx);
      await repos.accounts.rememberAddress(tx, account.id, client.ip, now.toISOString());
      await sessions.startSession(tx, sessionToken, account.id, client.userAgent, client.ip);
      await audit.record({ account, ip: client.ip }, { action: 'sign-in', detail: `${how}; ${client.userAgent.slice(0, 280)}` }, tx);
      return { ok: true, sessionToken, account };
    }, { invalidates: [] });
    if (result.ok) return result;
    await repos.write(async (tx) => {
      await this.repo.countPendingAttempt(tx, idHash);
      const old = await repos.accounts.failure(limitKey, tx);
      const fresh = !old || now.getTime() - Date.parse(old.windowStart) >= THROTTLE.windowMs;
      const f: LoginFailure = fresh ? { failures: 1, windowStart: now.toISOString(), lockedUntil: null } : { failures: old.failures + 1, windowStart: old.windowStart, lockedUntil: null };
      const delay = accountDelayMs(f.failures);
      if (delay > 0) f.lockedUntil = new Date(now.getTime() + delay).toISOString();
      await repos.accounts.putFailure(tx, limitKey, f);
      await audit.record({ account, ip: client.ip }, { action: 'sign-in.second-factor-failed', detail: how }, tx);
    }, { invalidates: [] });
    return p.attempts + 1 >= PENDING_ATTEMPTS ? { ok: false, reason: 'gone' } : { ok: false, reason: 'invalid' };
  }
}

function parseJson<T>(s: string): T | null {
  if (!s || s.length > 20_000) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return typeof v === 'object' && v !== null ? (v as T) : null;
  } catch {
    return null;
  }
}

/** The relying party of the newsroom's passkeys: SITE_URL's host (the newsroom lives there, whatever hosts editions have). */
export function relyingParty(siteUrl: string): { id: string; origin: string; name: string } {
  const u = new URL(siteUrl);
  return { id: u.hostname, origin: u.origin, name: `Khabar (${u.hostname})` };
}
