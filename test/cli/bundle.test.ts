import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/cli.ts';

// What `npm start` loads besides dist/khabar.mjs: Node's own modules and the native addons only.
// Every other package a start needs is bundled (bin/build.mjs), because Node resolves, reads and
// compiles a package's files one by one — Fastify, Ajv and pino were hundreds of files, about a
// third of a cold start's CPU.
describe('the server bundle (dist/khabar.mjs)', () => {
  const source = readFileSync(join(ROOT, 'dist', 'khabar.mjs'), 'utf8');
  const imported = new Set([...source.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!));

  it('imports nothing but Node’s modules and the native addons', () => {
    const packages = [...imported].filter((id) => !id.startsWith('node:'));
    assert.deepEqual(packages.sort(), ['better-sqlite3'], `imported at start: ${packages.join(', ')}`);
  });

  it('holds Fastify and Ajv itself, and CommonJS code in it can still require Node’s modules', () => {
    assert.match(source, /node_modules\/fastify\/fastify\.js/);
    assert.match(source, /node_modules\/ajv\/dist\/ajv\.js/);
    assert.match(source, /^const require = \w+\(import\.meta\.url\);$/m);
  });
});
