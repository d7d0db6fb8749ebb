import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './corpus.ts';

/**
 * WordPress's REST API schemas, for checking what Khabar's API answers. The few facts the tests
 * need (each object's required fields and their types, as wp-json-schemas states them for
 * WordPress 6.4) are kept here, so the checks run anywhere; when ../shared holds the schemas
 * themselves, objects are validated against them too.
 */
export type WpKind = 'post' | 'page' | 'attachment' | 'category' | 'tag' | 'user' | 'comment' | 'search-result' | 'error';
type FieldType = 'integer' | 'string' | 'object' | 'array' | 'boolean' | 'date' | 'rendered' | 'meta';

const DATES = { date: 'date', date_gmt: 'date', modified: 'date', modified_gmt: 'date' } as const;
const POST_LIKE = {
  ...DATES, guid: 'rendered', id: 'integer', link: 'string', slug: 'string', status: 'string', type: 'string',
  title: 'rendered', author: 'integer', comment_status: 'string', ping_status: 'string', meta: 'meta', _links: 'object',
} as const;
const TERM = { id: 'integer', count: 'integer', description: 'string', link: 'string', name: 'string', slug: 'string', taxonomy: 'string', meta: 'meta', _links: 'object' } as const;

export const WP_FIELDS: Record<WpKind, Record<string, FieldType>> = {
  post: { ...POST_LIKE, content: 'rendered', excerpt: 'rendered', featured_media: 'integer', sticky: 'boolean', format: 'string', categories: 'array', tags: 'array' },
  page: { ...POST_LIKE, content: 'rendered', excerpt: 'rendered', featured_media: 'integer', parent: 'integer', menu_order: 'integer' },
  attachment: {
    ...POST_LIKE, template: 'string', alt_text: 'string', caption: 'rendered', description: 'rendered', media_type: 'string',
    mime_type: 'string', media_details: 'object', post: 'integer', source_url: 'string',
  },
  category: { ...TERM, parent: 'integer' },
  tag: TERM,
  user: { id: 'integer', name: 'string', url: 'string', description: 'string', link: 'string', slug: 'string', meta: 'meta', _links: 'object' },
  comment: {
    id: 'integer', author: 'integer', author_name: 'string', author_url: 'string', content: 'rendered', ...{ date: 'date', date_gmt: 'date' },
    link: 'string', parent: 'integer', post: 'integer', status: 'string', type: 'string', meta: 'meta', _links: 'object',
  },
  'search-result': { id: 'integer', title: 'string', url: 'string', type: 'string', subtype: 'string', _links: 'object' },
  error: { code: 'string', message: 'string', data: 'object' },
};

/**
 * The fields whose `context` lists `embed` in WordPress core's schemas (what `_embed` and
 * `context=embed` show), where Khabar shows them: e.g. a post's `content`, `status` and
 * `categories` are `view` and `edit` only.
 */
export const WP_EMBED_FIELDS: Partial<Record<WpKind, readonly string[]>> = {
  post: ['id', 'date', 'slug', 'type', 'link', 'title', 'excerpt', 'author', 'featured_media', '_links'],
  page: ['id', 'date', 'slug', 'type', 'link', 'title', 'excerpt', 'author', 'featured_media', '_links'],
  attachment: ['id', 'date', 'slug', 'type', 'link', 'title', 'author', 'caption', 'alt_text', 'media_type', 'mime_type', 'media_details', 'source_url', '_links'],
  category: ['id', 'link', 'name', 'slug', 'taxonomy', '_links'],
  tag: ['id', 'link', 'name', 'slug', 'taxonomy', '_links'],
  user: ['id', 'name', 'url', 'description', 'link', 'slug', '_links'],
  comment: ['id', 'author', 'author_name', 'author_url', 'content', 'date', 'link', 'parent', 'type', '_links'],
  'search-result': ['id', 'title', 'url', 'type', 'subtype', '_links'],
};

const WP_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * What is wrong with `o` as a WordPress object of this kind, by the kept facts ([] when nothing).
 * In the `embed` context: exactly the embed fields (and an `_embedded` of its own, or avatars), each of its type.
 */
export function shapeProblems(kind: WpKind, o: Record<string, unknown>, context: 'view' | 'embed' = 'view'): string[] {
  const out: string[] = [];
  const embed = context === 'embed' ? WP_EMBED_FIELDS[kind] : undefined;
  if (embed) {
    const extra = Object.keys(o).filter((k) => !embed.includes(k) && k !== '_embedded' && !k.endsWith('avatar_urls'));
    if (extra.length) out.push(`${kind} (embed): not in the embed context: ${extra.join(', ')}`);
  }
  for (const [field, type] of Object.entries(WP_FIELDS[kind])) {
    if (embed && !embed.includes(field)) continue;
    const v = o[field];
    const ok =
      type === 'integer' ? Number.isInteger(v)
        : type === 'date' ? typeof v === 'string' && WP_DATE.test(v)
          : type === 'rendered' ? !!v && typeof v === 'object' && typeof (v as { rendered?: unknown }).rendered === 'string'
            : type === 'meta' ? Array.isArray(v) ? v.length === 0 : !!v && typeof v === 'object'
              : type === 'array' ? Array.isArray(v)
                : type === 'object' ? !!v && typeof v === 'object' && !Array.isArray(v)
                  : typeof v === type;
    if (!ok) out.push(`${kind}.${field}: expected ${type}, got ${JSON.stringify(v)?.slice(0, 60)}`);
  }
  return out;
}

export const SCHEMA_DIR = join(SHARED_DIR, 'data', 'wp-rest-api', 'wp-json-schemas');

/** A validator over the real schemas (cross-file $refs resolved), or null when ../shared is absent. */
export async function realSchemas(): Promise<((kind: WpKind, o: unknown) => string[]) | null> {
  if (!existsSync(join(SCHEMA_DIR, 'schema.json'))) return null;
  // Fastify's own validator (a dependency of it, not of Khabar): only these tests load it.
  const { Ajv } = await import('ajv');
  const formats = (await import('ajv-formats')) as unknown as { default: (a: InstanceType<typeof Ajv>) => void };
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  const files: string[] = [join(SCHEMA_DIR, 'schema.json')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.json')) files.push(join(dir, e.name));
    }
  };
  walk(join(SCHEMA_DIR, 'schemas'));
  const ids = new Map<string, string>();
  for (const f of files) {
    const s = JSON.parse(readFileSync(f, 'utf8')) as { $id?: string; $schema?: string };
    // The schemas name draft-07's hyper-schema as their meta-schema; validation is the same.
    delete s.$schema;
    ajv.addSchema(s);
    if (s.$id) ids.set(f.slice(SCHEMA_DIR.length + 1), s.$id);
  }
  const idOf = (kind: WpKind) => ids.get(`schemas/rest-api/${kind}.json`)!;
  return (kind, o) => {
    const validate = ajv.getSchema(idOf(kind));
    if (!validate) return [`no schema for ${kind}`];
    return validate(o) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${kind}${e.instancePath}: ${e.message}`);
  };
}
