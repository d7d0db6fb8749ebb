import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../platform/package-root.ts';

export interface Asset {
  body: Buffer;
  type: string;
  /** The same bytes compressed (text assets): brotli when the build made it, gzip always. */
  br?: Buffer;
  gz?: Buffer;
}

/** The theme's static files, loaded once, served under content-hashed names (cached forever). */
export interface Assets {
  readonly css: string;
  readonly js: string;
  readonly favicon: string;
  /** The default Open Graph image (1200×630) when neither article nor edition has one. */
  readonly shareImage: string;
  /** The publisher's logo for structured data (512×512, the favicon drawn as a PNG). */
  readonly logo: string;
  readonly fontPreloads: string[];
  get(name: string): Asset | undefined;
}

function hashed(name: string, body: Buffer): string {
  const h = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${h}${name.slice(dot)}`;
}

/**
 * A text asset's compressed forms: those bin/build.mjs wrote under its served (hashed) name, so
 * they are these very bytes; else gzip made now (a millisecond; brotli's best level would cost
 * hundreds at every start, so without the build's file there is no brotli).
 */
function compressed(served: string, body: Buffer): { br?: Buffer; gz: Buffer } {
  const file = join(packageRoot(), 'dist', 'assets', served);
  const read = (ext: string) => (existsSync(`${file}.${ext}`) ? readFileSync(`${file}.${ext}`) : undefined);
  const br = read('br');
  return { ...(br && { br }), gz: read('gz') ?? gzipSync(body, { level: 9 }) };
}

export function loadAssets(): Assets {
  const themeDir = join(packageRoot(), 'src', 'theme', 'assets');
  const require = createRequire(import.meta.url);
  const fontDir = join(require.resolve('@fontsource/noto-naskh-arabic/package.json'), '..', 'files');
  const files = new Map<string, Asset>();
  const add = (name: string, body: Buffer, type: string, compress = false) => {
    const h = hashed(name, body);
    files.set(h, { body, type, ...(compress && compressed(h, body)) });
    return `/assets/${h}`;
  };

  const fonts: Record<string, string> = {};
  for (const weight of ['400', '700']) {
    const body = readFileSync(join(fontDir, `noto-naskh-arabic-arabic-${weight}-normal.woff2`));
    fonts[`naskh-${weight}`] = add(`naskh-arabic-${weight}.woff2`, body, 'font/woff2');
  }
  const cssText = readFileSync(join(themeDir, 'site.css'), 'utf8').replace(/\{\{font:([\w-]+)\}\}/g, (m, k: string) => fonts[k] ?? m);
  return {
    css: add('site.css', Buffer.from(cssText), 'text/css; charset=utf-8', true),
    js: add('site.js', readFileSync(join(themeDir, 'site.js')), 'text/javascript; charset=utf-8', true),
    favicon: add('favicon.svg', readFileSync(join(themeDir, 'favicon.svg')), 'image/svg+xml'),
    shareImage: add('share.png', readFileSync(join(themeDir, 'share.png')), 'image/png'),
    logo: add('logo.png', readFileSync(join(themeDir, 'logo.png')), 'image/png'),
    fontPreloads: Object.values(fonts),
    get: (name) => files.get(name),
  };
}
