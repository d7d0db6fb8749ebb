// `node --import tsx bench/wordpress-content.ts [--bodies 2000]`: how many WordPress bodies per
// second the import's body conversion (services/importer/wordpress-content.ts) turns into Khabar's
// HTML, beside the sanitiser alone (which the conversion ends with), for classic posts (wpautop,
// [caption], [gallery], bare YouTube addresses) and Gutenberg posts (block comments), all in
// Arabic and generated from bench/words.ts with a fixed seed. A benchmark, not a test: figures
// depend on the machine and whatever else it runs.
import { sanitizeArticleHtml } from '../src/platform/html/sanitize.ts';
import { convertWordPressContent, type WordPressAttachment } from '../src/services/importer/wordpress-content.ts';
import { random } from './random.ts';
import { AR } from './words.ts';

const flag = process.argv.indexOf('--bodies');
const COUNT = flag > 0 ? Number(process.argv[flag + 1]) : 2000;
const rnd = random(11);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const sentence = () => `${pick(AR.subjects)} ${pick(AR.verbs)} ${pick(AR.objects)} ${pick(AR.qualifiers)}.`;
const paragraph = () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' ');
const UPLOADS = 'https://old.example.sa/wp-content/uploads/2022/02';

function classic(i: number): string {
  const parts = Array.from({ length: 6 + Math.floor(rnd() * 8) }, paragraph);
  parts.splice(1, 0, `[caption id="attachment_${i}" align="alignright" width="300"]<a href="${UPLOADS}/p${i}.jpg"><img src="${UPLOADS}/p${i}-300x200.jpg" alt="صورة" width="300" height="200" /></a> ${sentence()}[/caption]`);
  if (i % 5 === 0) parts.splice(3, 0, `[gallery ids="${i},${i + 1},${i + 2}"]`);
  if (i % 7 === 0) parts.splice(2, 0, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  if (i % 3 === 0) parts.push(`<ul>\n<li>${sentence()}</li>\n<li>${sentence()}</li>\n</ul>`);
  return parts.join('\n\n');
}

function blocks(i: number): string {
  const parts = Array.from({ length: 6 + Math.floor(rnd() * 8) }, () => `<!-- wp:paragraph -->\n<p>${paragraph()}</p>\n<!-- /wp:paragraph -->`);
  parts.splice(1, 0, `<!-- wp:image {"id":${i},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${UPLOADS}/b${i}-1024x683.jpg" alt="صورة" class="wp-image-${i}"/><figcaption>${sentence()}</figcaption></figure>\n<!-- /wp:image -->`);
  parts.splice(3, 0, `<!-- wp:heading -->\n<h2 class="wp-block-heading">${pick(AR.objects)}</h2>\n<!-- /wp:heading -->`);
  if (i % 4 === 0) parts.push(`<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence()}</p></blockquote>\n<!-- /wp:quote -->`);
  if (i % 7 === 0) parts.push('<!-- wp:embed {"url":"https://youtu.be/dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->');
  return parts.join('\n\n');
}

const ctx = {
  mediaUrl: (url: string) => (url.startsWith(UPLOADS) ? `/media/wp${url.slice(UPLOADS.length)}` : undefined),
  attachment: (id: number): WordPressAttachment => ({ id, url: `${UPLOADS}/g${id}.jpg`, alt: 'صورة' }),
};

function rate(label: string, bodies: string[], f: (b: string) => unknown): void {
  for (const b of bodies.slice(0, 200)) f(b); // warm up
  const t0 = performance.now();
  for (const b of bodies) f(b);
  const s = (performance.now() - t0) / 1000;
  const kb = bodies.reduce((n, b) => n + b.length, 0) / bodies.length / 1024;
  console.log(`${label.padEnd(34)} ${Math.round(bodies.length / s).toString().padStart(6)} bodies/s  (${kb.toFixed(1)} KB each)`);
}

for (const [kind, make] of [['classic', classic], ['blocks', blocks]] as const) {
  const bodies = Array.from({ length: COUNT }, (_, i) => make(i + 1));
  rate(`${kind}: convert (sanitiser included)`, bodies, (b) => convertWordPressContent(b, ctx));
  rate(`${kind}: sanitiser alone`, bodies, sanitizeArticleHtml);
}
