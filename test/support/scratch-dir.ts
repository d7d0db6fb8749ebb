import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/**
 * A new directory under the system's temporary one, removed once the test that made it is over
 * (or, made outside a test, once the file's tests are): every `npm test` left about 50 MB of
 * exports and uploads behind in /tmp.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
