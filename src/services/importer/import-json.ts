import type { ArticleInput } from '../../domain/article.ts';
import { DomainError, Invalid } from '../../domain/errors.ts';
import { paragraphsToHtml } from '../../platform/html/sanitize.ts';
import { problemLines } from '../../platform/i18n/problems.ts';
import type { ArticleService } from '../articles/articles.ts';
import { isIsoInstant } from '../articles/validate.ts';
import type { Repositories } from '../../storage/repositories.ts';

/** An import failed; nothing was written. The message names the article and the field. */
export class ImportError extends Error {}

export interface ImportResult {
  imported: number;
  ids: number[];
  scheduled: number[];
}

type Json = Record<string, unknown>;

function describe(i: number, raw: unknown): string {
  const id = raw && typeof raw === 'object' && 'id' in raw ? (raw as Json).id : undefined;
  return `article #${i + 1}${typeof id === 'number' || typeof id === 'string' ? ` (id ${id})` : ''}`;
}

/**
 * One article of the seed's shape (`id`, `edition`, `title`, `published`, `paragraphs`,
 * `comments_open`; other fields ignored) as an ArticleInput, or Invalid naming the field.
 */
export function toArticleInput(raw: unknown): ArticleInput {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Invalid('(article)', 'must be a JSON object');
  const o = raw as Json;
  if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id) || o.id < 1) throw new Invalid('id', 'must be a positive whole number');
  if (typeof o.edition !== 'string' || !o.edition) throw new Invalid('edition', 'must be an edition code such as "ar"');
  if (typeof o.title !== 'string' || !o.title.trim()) throw new Invalid('title', 'must be a non-empty string');
  if (typeof o.published !== 'string' || !isIsoInstant(o.published)) {
    throw new Invalid('published', 'must be an ISO 8601 date-time with a zone, e.g. 2022-02-25T18:50:00+03:00');
  }
  if (!Array.isArray(o.paragraphs) || !o.paragraphs.length) throw new Invalid('paragraphs', 'must be a non-empty array of strings');
  const bad = o.paragraphs.findIndex((p) => typeof p !== 'string');
  if (bad >= 0) throw new Invalid(`paragraphs[${bad}]`, 'must be a string');
  if (o.comments_open !== undefined && typeof o.comments_open !== 'boolean') throw new Invalid('comments_open', 'must be true or false');
  return {
    id: o.id,
    edition: o.edition,
    title: o.title,
    bodyHtml: paragraphsToHtml((o.paragraphs as string[]).filter((p) => p.trim())),
    publishedAt: o.published,
    status: 'published', // the service turns a future date into "scheduled"
    commentStatus: o.comments_open === false ? 'closed' : 'open',
  };
}

/** From this many articles an import counts as a bulk load (statistics are refreshed after it). */
export const BULK_IMPORT = 100;

/** Imports one article or an array of them in one transaction: all or nothing. */
export async function importArticles(text: string, deps: { repos: Repositories; articles: ArticleService }): Promise<ImportResult> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`the file is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : [data];
  if (!list.length) throw new ImportError('the file holds an empty array: nothing to import');

  const inputs: ArticleInput[] = [];
  const seen = new Set<number>();
  list.forEach((raw, i) => {
    try {
      const input = toArticleInput(raw);
      if (seen.has(input.id!)) throw new Invalid('id', `${input.id} appears twice in the file`);
      seen.add(input.id!);
      inputs.push(input);
    } catch (e) {
      throw e instanceof DomainError ? new ImportError(`${describe(i, raw)}: ${e.message}`) : e;
    }
  });

  // Each article's save says what it invalidates (touch); the import adds nothing of its own.
  const ids = await deps.repos.write(async (tx, touch) => {
    const out: number[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        out.push(await deps.articles.save(input, tx, touch));
      } catch (e) {
        // ArticleService's refusals are codes: worded in English, as the CLI reports them.
        if (e instanceof DomainError) throw new ImportError(`${describe(i, list[i])}: ${problemLines(e.problems).join('; ') || e.message}`);
        throw e;
      }
    }
    return out;
  }, { invalidates: [] });
  // A bulk load leaves the planner believing the tables are as small as they were.
  if (ids.length >= BULK_IMPORT) await deps.repos.refreshStatistics();
  const scheduled: number[] = [];
  for (const id of ids) if ((await deps.repos.articles.locate(id))?.status === 'scheduled') scheduled.push(id);
  return { imported: ids.length, ids, scheduled };
}
