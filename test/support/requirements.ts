import { describe, it } from 'node:test';
import { isCi } from '../../src/config.ts';

/**
 * A suite that needs something outside Node (a server binary, a browser): it runs when `missing`
 * is null; otherwise it is skipped with that reason — except under CI=true, where it fails, so CI
 * never passes by skipping it.
 */
export function describeWith(name: string, missing: string | null, fn: () => void): void {
  if (missing && isCi()) {
    it(name, () => {
      throw new Error(`${missing}; CI=true, so this suite must run`);
    });
  } else if (missing) {
    it(name, { skip: missing }, () => {});
  } else {
    describe(name, fn);
  }
}
