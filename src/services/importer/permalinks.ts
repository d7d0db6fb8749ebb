/**
 * The old WordPress site's permalink structure (`/%year%/%monthnum%/%day%/%postname%/` …): given
 * with `--permalinks` or detected from the export's `<link>` values. The import keeps it per edition
 * under `permalinksSettingKey` (services/wordpress/permalinks.ts: `wordpress.permalinks.<edition>`),
 * where the old-addresses routes read it.
 */

/** WordPress's usual choices, most specific first (the first that explains every link wins). */
export const COMMON_STRUCTURES = [
  '/%year%/%monthnum%/%day%/%postname%/',
  '/%year%/%monthnum%/%postname%/',
  '/%year%/%postname%/',
  '/archives/%post_id%',
  '/%category%/%postname%/',
  '/%postname%/',
];

/** A structure as WordPress accepts it: starts with `/`, uses known tags, names the post. */
export function isPermalinkStructure(s: string): boolean {
  if (!s.startsWith('/') || /\s/.test(s)) return false;
  const tags: string[] = s.match(/%[a-z_]+%/g) ?? [];
  const known = ['%year%', '%monthnum%', '%day%', '%hour%', '%minute%', '%second%', '%postname%', '%post_id%', '%category%', '%author%'];
  return tags.every((t) => known.includes(t)) && (tags.includes('%postname%') || tags.includes('%post_id%'));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does this post's address follow the structure? (`date` is WordPress's local `post_date`.) */
function follows(structure: string, path: string, p: { id: number; name: string; date: string }): boolean {
  const [y, mo, d, h, mi, se] = p.date.split(/[- :]/);
  const values: Record<string, string> = {
    '%year%': escape(y ?? ''), '%monthnum%': escape(mo ?? ''), '%day%': escape(d ?? ''), '%hour%': escape(h ?? ''), '%minute%': escape(mi ?? ''),
    '%second%': escape(se ?? ''), '%postname%': escape(p.name), '%post_id%': String(p.id), '%category%': '(?!\\d{4}/)[^?#]+', '%author%': '[^/?#]+',
  };
  const pattern = structure.split(/(%[a-z_]+%)/).map((part) => values[part] ?? escape(part)).join('');
  return new RegExp(`^${pattern.replace(/\/$/, '')}/?$`).test(path);
}

/**
 * The structure most published posts' links follow, or null when none of WordPress's usual ones
 * explains at least half (the newsroom then gives `--permalinks`). `siteLink` is the channel's `<link>`:
 * a site in a folder has its links under it.
 */
export function detectPermalinks(siteLink: string, links: readonly { link: string; id: number; type: string; name: string; date: string }[]): string | null {
  const posts = links.filter((l) => l.type === 'post' && l.link);
  if (!posts.length) return null;
  let base = '';
  try {
    base = new URL(siteLink).pathname.replace(/\/$/, '');
  } catch {
    /* no site link: paths are taken whole */
  }
  const paths = posts.map((p) => {
    try {
      const u = new URL(p.link);
      let path = u.pathname;
      try {
        path = decodeURIComponent(path);
      } catch {
        /* kept as it is */
      }
      if (base && path.startsWith(base)) path = path.slice(base.length) || '/';
      return { p: { ...p, name: safeDecode(p.name) }, path, search: u.search };
    } catch {
      return null;
    }
  }).filter((x) => x !== null);
  // The structure most links follow (an old site's links are not all consistent: slugs edited after
  // publication, imported posts); at least half must, else nothing is guessed.
  const candidates: [string, (x: (typeof paths)[number]) => boolean][] = [
    ['/?p=%post_id%', (x) => new URLSearchParams(x.search).get('p') === String(x.p.id)],
    ...COMMON_STRUCTURES.map((s): [string, (x: (typeof paths)[number]) => boolean] => [s, (x) => follows(s, x.path, x.p)]),
  ];
  let best: string | null = null;
  let bestCount = 0;
  for (const [s, test] of candidates) {
    const n = paths.filter(test).length;
    if (n > bestCount) [best, bestCount] = [s, n];
  }
  return bestCount * 2 >= paths.length && bestCount > 0 ? best : null;
}

/** A WordPress slug as people read it: `%d8%a3…` becomes Arabic letters (left as is when not valid). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
