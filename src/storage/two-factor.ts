import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

export interface StoredTotp {
  /** Encrypted (services/users/secret-box.ts). */
  secret: string;
  confirmedAt: string | null;
  lastStep: number;
}

export interface StoredPasskey {
  id: number;
  userId: number;
  credentialId: string;
  /** base64url of the COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface PendingSignIn {
  userId: number;
  expiresAt: string;
  attempts: number;
  challenge: string | null;
}

/** Second factors: authenticator apps, passkeys, recovery codes, and sign-ins that still owe one. */
export class TwoFactorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // The authenticator app

  async totp(userId: number, db: Tx = this.db): Promise<StoredTotp | null> {
    const r = await db.selectFrom('two_factor_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return r ? { secret: r.secret, confirmedAt: r.confirmed_at, lastStep: Number(r.last_step) } : null;
  }

  /** A new, unconfirmed secret (replacing any earlier unconfirmed or confirmed one). */
  async putPendingTotp(tx: Tx, userId: number, secret: string, now: string): Promise<void> {
    await tx.deleteFrom('two_factor_totp').where('user_id', '=', userId).execute();
    await tx.insertInto('two_factor_totp').values({ user_id: userId, secret, confirmed_at: null, last_step: 0, created_at: now }).execute();
  }

  async confirmTotp(tx: Tx, userId: number, now: string): Promise<void> {
    await tx.updateTable('two_factor_totp').set({ confirmed_at: now }).where('user_id', '=', userId).execute();
  }

  /** Takes the time step once: false when this step (or a later one) was already used (single use under races). */
  async useStep(tx: Tx, userId: number, step: number): Promise<boolean> {
    const r = await tx.updateTable('two_factor_totp').set({ last_step: step }).where('user_id', '=', userId).where('last_step', '<', step).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteTotp(tx: Tx, userId: number): Promise<boolean> {
    const r = await tx.deleteFrom('two_factor_totp').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // Recovery codes

  async replaceRecoveryCodes(tx: Tx, userId: number, hashes: string[]): Promise<void> {
    await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
    await tx.insertInto('two_factor_recovery_codes').values(hashes.map((h) => ({ user_id: userId, code_hash: h, used_at: null }))).execute();
  }

  async recoveryCodesLeft(userId: number, db: Tx = this.db): Promise<number> {
    const r = await db.selectFrom('two_factor_recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Marks one unused code used; false when there is none such (wrong, or used by a racing request). */
  async useRecoveryCode(tx: Tx, userId: number, hash: string, now: string): Promise<boolean> {
    const r = await tx.updateTable('two_factor_recovery_codes').set({ used_at: now }).where('user_id', '=', userId).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // Passkeys

  async passkeys(userId: number, db: Tx = this.db): Promise<StoredPasskey[]> {
    const rows = await db.selectFrom('two_factor_passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id, userId: r.user_id, credentialId: r.credential_id, publicKey: r.public_key, counter: Number(r.counter),
      transports: r.transports ? r.transports.split(',') : [], name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at,
    }));
  }

  async addPasskey(tx: Tx, p: Omit<StoredPasskey, 'id' | 'lastUsedAt'>): Promise<void> {
    await tx.insertInto('two_factor_passkeys').values({
      user_id: p.userId, credential_id: p.credentialId, public_key: p.publicKey, counter: p.counter, transports: p.transports.join(',').slice(0, 200), name: p.name, created_at: p.createdAt, last_used_at: null,
    }).execute();
  }

  async passkeyByCredential(credentialId: string, db: Tx = this.db): Promise<StoredPasskey | null> {
    const r = await db.selectFrom('two_factor_passkeys').select('user_id').where('credential_id', '=', credentialId).executeTakeFirst();
    return r ? ((await this.passkeys(r.user_id, db)).find((p) => p.credentialId === credentialId) ?? null) : null;
  }

  async credentialTaken(credentialId: string, db: Tx = this.db): Promise<boolean> {
    return (await db.selectFrom('two_factor_passkeys').select('id').where('credential_id', '=', credentialId).executeTakeFirst()) !== undefined;
  }

  async usePasskey(tx: Tx, id: number, counter: number, now: string): Promise<void> {
    await tx.updateTable('two_factor_passkeys').set({ counter, last_used_at: now }).where('id', '=', id).execute();
  }

  async renamePasskey(tx: Tx, userId: number, id: number, name: string): Promise<boolean> {
    const r = await tx.updateTable('two_factor_passkeys').set({ name }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deletePasskey(tx: Tx, userId: number, id: number): Promise<boolean> {
    const r = await tx.deleteFrom('two_factor_passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** Every factor of the account gone (an administrator's reset, `khabar user reset-2fa`). */
  async deleteAll(tx: Tx, userId: number): Promise<void> {
    await tx.deleteFrom('two_factor_totp').where('user_id', '=', userId).execute();
    await tx.deleteFrom('two_factor_passkeys').where('user_id', '=', userId).execute();
    await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
    await tx.deleteFrom('two_factor_pending').where('user_id', '=', userId).execute();
  }

  /** Does the account have a second factor (a confirmed app or a passkey)? */
  async hasFactor(userId: number, db: Tx = this.db): Promise<boolean> {
    const app = await db.selectFrom('two_factor_totp').select('user_id').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
    if (app) return true;
    return (await db.selectFrom('two_factor_passkeys').select('id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  }

  // Sign-ins that owe a second factor

  async createPending(tx: Tx, idHash: string, userId: number, now: string, expiresAt: string): Promise<void> {
    await tx.deleteFrom('two_factor_pending').where('expires_at', '<=', now).execute();
    await tx.insertInto('two_factor_pending').values({ id_hash: idHash, user_id: userId, created_at: now, expires_at: expiresAt, attempts: 0, challenge: null }).execute();
  }

  async pending(idHash: string, db: Tx = this.db): Promise<PendingSignIn | null> {
    const r = await db.selectFrom('two_factor_pending').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r ? { userId: r.user_id, expiresAt: r.expires_at, attempts: r.attempts, challenge: r.challenge } : null;
  }

  async setPendingChallenge(idHash: string, challenge: string, db: Tx = this.db): Promise<void> {
    await db.updateTable('two_factor_pending').set({ challenge }).where('id_hash', '=', idHash).execute();
  }

  async countPendingAttempt(tx: Tx, idHash: string): Promise<void> {
    await tx.updateTable('two_factor_pending').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id_hash', '=', idHash).execute();
  }

  /** Ends a pending sign-in; false when it was already ended (by a racing request). */
  async deletePending(tx: Tx, idHash: string): Promise<boolean> {
    const r = await tx.deleteFrom('two_factor_pending').where('id_hash', '=', idHash).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async deletePendingOf(tx: Tx, userId: number): Promise<void> {
    await tx.deleteFrom('two_factor_pending').where('user_id', '=', userId).execute();
  }

  // Passkey registration challenges

  async putChallenge(key: string, challenge: string, expiresAt: string, now: string): Promise<void> {
    await this.db.deleteFrom('two_factor_challenges').where('expires_at', '<=', now).execute();
    await this.db.insertInto('two_factor_challenges').values({ key, challenge, expires_at: expiresAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ challenge, expires_at: expiresAt })).execute();
  }

  /** Records a challenge as answered; false when it was answered before (a replay). */
  async claimChallenge(tx: Tx, key: string, expiresAt: string, now: string): Promise<boolean> {
    await tx.deleteFrom('two_factor_challenges').where('expires_at', '<=', now).execute();
    const r = await tx.insertInto('two_factor_challenges').values({ key, challenge: '', expires_at: expiresAt })
      .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Takes a challenge once (null: none, or expired). */
  async takeChallenge(tx: Tx, key: string, now: string): Promise<string | null> {
    const r = await tx.selectFrom('two_factor_challenges').selectAll().where('key', '=', key).executeTakeFirst();
    await tx.deleteFrom('two_factor_challenges').where('key', '=', key).execute();
    return r && r.expires_at > now ? r.challenge : null;
  }
}
