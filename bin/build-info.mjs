// What dist/ was built from, so that `khabar` can tell, reading only, whether dist/ still matches
// the sources, and the build can skip what is up to date.
//
// Each part of the build (the server, dist/khabar.mjs; the editor, dist/editor.js) writes
// dist/<part>.build.json after its output: every input with its size, mtime and SHA-256.
// A file counts as changed by its content, not its date: copies (cp, docker COPY, a git
// checkout) give files new mtimes in no particular order, which must not make a good build look
// stale (nor an edited source look fresh). The mtime is only a shortcut: when it is unchanged,
// the file is not read.
// - `sources`: the project's own files (src/…, tsconfig, this script). `khabar` refuses to start
//   when one changed.
// - `packages`: the package.json of each dependency bundled into the output (TipTap,
//   ProseMirror). Only the build looks at them (an upgrade rebuilds the editor); `khabar` does
//   not, because a production install (--omit=dev) has no build-time packages at all.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The outputs of each part, relative to the package root. */
export const PARTS = {
  server: ['dist/khabar.mjs'],
  editor: ['dist/editor.js'],
};

const infoFile = (part) => join('dist', `${part}.build.json`);

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The fingerprints of files (paths relative to root) as recorded in a build record. */
export function fingerprints(root, files) {
  const out = {};
  for (const rel of [...new Set(files)].sort()) {
    const st = statSync(join(root, rel));
    out[rel] = { size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(join(root, rel)) };
  }
  return out;
}

export function infoPath(root, part) {
  return join(root, infoFile(part));
}

function readInfo(root, part) {
  try {
    return JSON.parse(readFileSync(infoPath(root, part), 'utf8'));
  } catch {
    return null;
  }
}

function changedInput(root, recorded) {
  for (const [rel, fp] of Object.entries(recorded ?? {})) {
    const st = statSync(join(root, rel), { throwIfNoEntry: false });
    if (!st || st.size !== fp.size) return rel;
    if (st.mtimeMs !== fp.mtimeMs && sha256(join(root, rel)) !== fp.sha256) return rel;
  }
  return null;
}

/**
 * Why a part of dist/ cannot be used as it is, in a few words, or null when it matches its
 * sources (and, with `packages: true`, its bundled dependencies). Never writes.
 */
export function staleReason(root, part, { packages = false } = {}) {
  const info = readInfo(root, part);
  const missing = PARTS[part].find((f) => !statSync(join(root, f), { throwIfNoEntry: false }));
  if (!info || missing) return `${missing ?? PARTS[part][0]} has not been built`;
  const changed = changedInput(root, info.sources) ?? (packages ? changedInput(root, info.packages) : null);
  return changed ? `${changed} changed since ${PARTS[part][0]} was built` : null;
}
