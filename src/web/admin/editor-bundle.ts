import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../../platform/package-root.ts';
import { ADMIN } from './context.ts';

export interface EditorBundle {
  /** /admin/assets/editor.<hash>.js: a new build is a new URL, so it may be cached forever. */
  url: string;
  body: Buffer;
  /** The same, gzipped once (about a third of the size) for browsers that take it. */
  gzip: Buffer;
}

let loaded: EditorBundle | null | undefined;

/**
 * The rich-text editor's client bundle (src/editor-client/, built by bin/build.mjs into
 * dist/editor.js), read once. The server never compiles it: `npm install` / `npm run build`
 * build dist/, and bin/khabar.js refuses to start from a stale one. Only when running from the
 * sources (tsx: tests, scripts) is there no such step, so then the same build script runs here,
 * in a child process, and rebuilds only if its inputs changed. Null when there is no bundle:
 * the editor page then keeps its plain textarea, which works without JavaScript.
 */
export function editorBundle(): EditorBundle | null {
  if (loaded !== undefined) return loaded;
  const root = packageRoot();
  if (import.meta.url.endsWith('.ts')) {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'build.mjs'), '--editor'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('could not build the editor bundle (bin/build.mjs --editor)');
  }
  try {
    const body = readFileSync(join(root, 'dist', 'editor.js'));
    const h = createHash('sha256').update(body).digest('hex').slice(0, 10);
    loaded = { url: `${ADMIN}/assets/editor.${h}.js`, body, gzip: gzipSync(body, { level: 9 }) };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The URL of the editor's module script, or null (see editorBundle). */
export function editorScriptUrl(): string | null {
  return editorBundle()?.url ?? null;
}
