import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { ROOT } from '../support/cli.ts';

// What `npm start` loads besides dist/khabar.mjs: Node's own modules and the native addons only.
// Every other package a start needs is bundled (bin/build.mjs), because Node resolves, reads and
// compiles a package's files one by one — Fastify, Ajv and pino were hundreds of files, about a
// third of a cold start's CPU.
describe('the server bundle (dist/khabar.mjs)', () => {
  const file = join(ROOT, 'dist', 'khabar.mjs');
  const source = readFileSync(file, 'utf8');

  it('imports nothing but Node’s modules and the native addons', async () => {
    // The bundle is minified (import statements anywhere on a line): esbuild reads them.
    const result = await esbuild.build({
      entryPoints: [file], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent',
      plugins: [{ name: 'all-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => ({ path: a.path, external: true })) }],
    });
    const input = Object.values(result.metafile.inputs)[0]!;
    const imported = new Set(input.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path));
    assert.ok(imported.has('node:fs'), `imports read: ${[...imported].join(', ')}`);
    const packages = [...imported].filter((id) => !id.startsWith('node:'));
    assert.deepEqual(packages.sort(), ['better-sqlite3'], `imported at start: ${packages.join(', ')}`);
  });

  it('holds Fastify and Ajv itself, and CommonJS code in it can still require Node’s modules', () => {
    const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    assert.ok(sources.some((s) => /node_modules\/fastify\/fastify\.js$/.test(s)), 'fastify.js bundled');
    assert.ok(sources.some((s) => /node_modules\/ajv\/(dist\/ajv\.js|lib\/ajv\.ts)$/.test(s)), 'ajv bundled');
    assert.match(source, /^const require = \w+\(import\.meta\.url\);$/m);
  });

  it('has a map whose sources are the files it was built from', () => {
    // Minified, a stack trace's positions are columns of one long line: --enable-source-maps (the
    // khabar command, npm run dev) turns them back into these files.
    const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    const main = sources.find((s) => s.endsWith('src/main.ts'));
    assert.equal(main && resolve(ROOT, 'dist', main), join(ROOT, 'src', 'main.ts'));
    const fastify = sources.find((s) => s.endsWith('fastify/fastify.js'));
    assert.ok(fastify && existsSync(resolve(ROOT, 'dist', fastify)), `${fastify} exists (from dist/)`);
  });

  it('keeps the names of functions and classes as written, for stack traces', () => {
    // Minified for whitespace and syntax only (bin/build.mjs): no renamed identifiers. A class may
    // become `PageCache=class{…}` in a declaration, which names it all the same.
    assert.ok(/\bfunction buildApp\(/.test(source), 'function buildApp( in the bundle');
    assert.ok(/\bclass PageCache\b|[,\s]PageCache=class\{/.test(source), 'class PageCache in the bundle');
  });
});
