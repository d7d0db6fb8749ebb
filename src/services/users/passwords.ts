import { randomBytes } from 'node:crypto';
import type * as Argon2 from '@node-rs/argon2';
import { lazyModule } from '../../platform/lazy-module.ts';

// Loaded at the first login, not at start (a reading-only process never hashes).
const argon2 = lazyModule<typeof Argon2>('@node-rs/argon2');
import { Invalid } from '../../domain/errors.ts';

/**
 * argon2id (the library's default algorithm) at its default cost (m=19 MiB, t=2, p=1: OWASP's
 * minimum recommendation). Tests may pass a cheaper cost; verification always uses the cost
 * written in the stored hash, so old hashes keep working when the cost changes.
 */
export interface HashCost {
  memoryCost: number;
  timeCost: number;
}

export const MIN_PASSWORD_LENGTH = 10;
// Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
export const MAX_PASSWORD_LENGTH = 200;

export function validatePassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new Invalid('password', 'too_short', { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) throw new Invalid('password', 'too_long', { max: MAX_PASSWORD_LENGTH });
}

export async function hashPassword(password: string, cost?: HashCost): Promise<string> {
  return argon2().hash(password, cost ?? undefined);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await argon2().verify(stored, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

/** A password shown once by `khabar user add`: 20 characters, about 120 bits. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
