/**
 * WordPress permalink structures (Settings → Permalinks), read the way WordPress's rewrite rules
 * read them: `/%year%/%monthnum%/%day%/%postname%/` and the like, matched against a path.
 */

/** The old site's structure, per edition, as the WordPress import stores it (a setting). */
export const permalinksSettingKey = (edition: string): string => `wordpress.permalinks.${edition}`;

/**
 * The structures WordPress offers and most sites keep, tried after the stored one: an old link may
 * predate a change of structure, and a site that never came from WordPress has none stored.
 * Day and name first (WordPress's default for news sites), the numeric `/archives/N` last.
 */
export const COMMON_STRUCTURES: readonly string[] = [
  '/%year%/%monthnum%/%day%/%postname%/',
  '/%year%/%monthnum%/%postname%/',
  '/%postname%/',
  '/%category%/%postname%/',
  '/archives/%post_id%',
];

/** What a path matched: the post's slug or id (and the rest WordPress put in the address). */
export interface PermalinkMatch {
  postname?: string;
  postId?: number;
}

// Each tag as WordPress's rewrite rules read it (WP_Rewrite::$rewritereplace).
const TAGS: Record<string, string> = {
  '%year%': '(\\d{4})',
  '%monthnum%': '(\\d{1,2})',
  '%day%': '(\\d{1,2})',
  '%hour%': '(\\d{1,2})',
  '%minute%': '(\\d{1,2})',
  '%second%': '(\\d{1,2})',
  '%post_id%': '(\\d+)',
  '%postname%': '([^/]+)',
  '%pagename%': '([^/]+)',
  // A nested section's address holds its parents: /news/local/<slug>/.
  '%category%': '(.+?)',
  '%author%': '([^/]+)',
};

const MAX_ID = 2_147_483_647; // the id columns are 32-bit integers

const compiled = new Map<string, { re: RegExp; tags: string[] } | null>();

/** A structure as a regular expression over a decoded path, or null when it is not one WordPress would take. */
function compile(structure: string): { re: RegExp; tags: string[] } | null {
  let c = compiled.get(structure);
  if (c !== undefined) return c;
  c = null;
  const s = structure.trim();
  if (s.startsWith('/') && s.length <= 200 && /%(postname|post_id)%/.test(s)) {
    const tags: string[] = [];
    const body = s
      .replace(/\/+$/, '')
      .split(/(%[a-z_]+%)/)
      .map((part) => {
        if (!/^%[a-z_]+%$/.test(part)) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        tags.push(part);
        // A tag WordPress's plugins add (%custom_field%…): any one segment.
        return TAGS[part] ?? '([^/]+)';
      })
      .join('');
    c = { re: new RegExp(`^${body}/?$`, 'u'), tags };
  }
  if (compiled.size < 100) compiled.set(structure, c);
  return c;
}

/**
 * What `segments` (a decoded path, without the edition's prefix) name under `structure`, or null
 * when the path does not have its shape.
 */
export function matchPermalink(structure: string, segments: readonly string[]): PermalinkMatch | null {
  const c = compile(structure);
  if (!c || !segments.length) return null;
  const m = c.re.exec(`/${segments.join('/')}/`);
  if (!m) return null;
  const out: PermalinkMatch = {};
  c.tags.forEach((tag, i) => {
    const v = m[i + 1]!;
    if (tag === '%postname%') out.postname = v;
    if (tag === '%post_id%' && /^[1-9]\d{0,9}$/.test(v) && Number(v) <= MAX_ID) out.postId = Number(v);
  });
  if (c.tags.includes('%post_id%') && out.postId === undefined && out.postname === undefined) return null;
  return out;
}
