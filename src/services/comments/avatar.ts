import { createHmac } from 'node:crypto';

/**
 * Avatars made here, from a keyed hash: no Gravatar (which would tell a third party who reads
 * what, and whose plain MD5 of the e-mail can be reversed from a list of addresses).
 */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`khabar-comment-email\0${email.trim().toLowerCase()}`).digest('hex');
}

/** A 5×5 mirrored identicon: which cells are filled (row by row) and the hue of the ink. */
export interface Identicon {
  cells: boolean[];
  hue: number;
}

/**
 * The pattern comes from a second HMAC step over the stored hash, so the picture does not even
 * show the hash that the database keeps.
 */
export function identiconOf(secret: string, hash: string): Identicon {
  const bytes = createHmac('sha256', secret).update(`khabar-avatar\0${hash}`).digest();
  const cells: boolean[] = [];
  for (let row = 0; row < 5; row++) {
    const left = [0, 1, 2].map((col) => (bytes[row * 3 + col]! & 1) === 1);
    cells.push(left[0]!, left[1]!, left[2]!, left[1]!, left[0]!);
  }
  // Never an empty face: fill the centre column when the draw left everything blank.
  if (!cells.some(Boolean)) for (let row = 0; row < 5; row++) cells[row * 5 + 2] = true;
  return { cells, hue: ((bytes[20]! << 8) | bytes[21]!) % 360 };
}
