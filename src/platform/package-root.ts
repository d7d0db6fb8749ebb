import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Khabar's package.json, found from this module's own location, so that theme
 * files load the same from the sources (tests, tsx) and from the bundle in dist/.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'khabar') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the khabar package root');
    dir = up;
  }
}
