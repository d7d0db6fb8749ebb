import type { ArticleInput } from '../../domain/article.ts';
import { DomainError, Invalid, type Problem } from '../../domain/errors.ts';
import { paragraphsToHtml } from '../../platform/html/sanitize.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import type { ArticleService } from '../articles/articles.ts';
import { isIsoInstant, validateArticleInput } from '../articles/validate.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { findJsonSyntaxError } from './json-syntax.ts';

/** One thing wrong with one article of a file. */
export interface ImportProblem {
  /** Its place in the file, from 1. */
  article: number;
  /** Its id as the file gives it, when it gives one. */
  id?: number | string;
  field: string;
  reason: string;
}

/**
 * An import failed and nothing was written. `problems` lists everything wrong with the file's
 * articles (all of them, every field: fixing a file one error per run wastes an afternoon);
 * it is empty when the file as a whole is wrong (not JSON, nothing in it).
 */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: readonly ImportProblem[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }

  static of(problems: readonly ImportProblem[]): ImportError {
    const lines = problems.map((p) => `article #${p.article}${p.id !== undefined ? ` (id ${p.id})` : ''}: ${p.field}: ${p.reason}`);
    const message = lines.length === 1 ? lines[0]! : `${lines.length} problems in the file, so nothing was imported:\n${lines.map((l) => `  ${l}`).join('\n')}`;
    return new ImportError(message, problems);
  }
}

export interface ImportResult {
  imported: number;
  ids: number[];
  scheduled: number[];
}

type Json = Record<string, unknown>;

/** A problem of one article, worded once by the catalogue (English: the CLI's language). */
const worded = (at: Pick<ImportProblem, 'article' | 'id'>, p: Problem): ImportProblem => ({ ...at, field: p.field || '(article)', reason: problemMessage('en', p) });

/**
 * One article of the seed's shape (`id`, `edition`, `title`, `published`, `paragraphs`,
 * `comments_open`; other fields ignored) as an ArticleInput, or every problem with its fields.
 */
export function checkArticle(raw: unknown, editions: ReadonlySet<string>): { input: ArticleInput } | { problems: Problem[] } {
  const expected = (field: string, what: string): Problem => ({ field, code: 'type', params: { expected: what } });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [expected('(article)', 'a JSON object')] };
  const o = raw as Json;
  const problems: Problem[] = [];
  const bad = (field: string, what: string) => problems.push(expected(field, what));
  if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id) || o.id < 1) bad('id', 'a positive whole number');
  if (typeof o.edition !== 'string' || !o.edition) bad('edition', 'an edition code such as "ar"');
  else if (!editions.has(o.edition)) problems.push({ field: 'edition', code: 'unknown_edition', params: { value: o.edition, known: [...editions].join(', ') } });
  if (typeof o.title !== 'string' || !o.title.trim()) bad('title', 'a non-empty string');
  if (typeof o.published !== 'string' || !isIsoInstant(o.published)) bad('published', 'an ISO 8601 date-time with a zone, e.g. 2022-02-25T18:50:00+03:00');
  if (!Array.isArray(o.paragraphs) || !o.paragraphs.length) bad('paragraphs', 'a non-empty array of strings');
  else o.paragraphs.forEach((p, i) => typeof p !== 'string' && bad(`paragraphs[${i}]`, 'a string'));
  if (o.comments_open !== undefined && typeof o.comments_open !== 'boolean') bad('comments_open', 'true or false');
  if (problems.length) return { problems };
  const input: ArticleInput = {
    id: o.id as number,
    edition: o.edition as string,
    title: o.title as string,
    bodyHtml: paragraphsToHtml((o.paragraphs as string[]).filter((p) => p.trim())),
    publishedAt: o.published as string,
    status: 'published', // the service turns a future date into "scheduled"
    commentStatus: o.comments_open === false ? 'closed' : 'open',
  };
  // What the service will check besides (lengths): found now, with the rest, not at the first save.
  try {
    validateArticleInput(input, editions);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    return { problems: [...e.problems] };
  }
  return { input };
}

/** The file's text as JSON, or an ImportError that says where (line, column) and what is wrong. */
function parseJson(text: string): unknown {
  // A byte-order mark is what some Windows editors put first; it is not part of the JSON.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    let where;
    try {
      where = findJsonSyntaxError(body);
    } catch {
      where = null; // nested too deep to walk: JSON.parse's own words must do
    }
    throw new ImportError(`the file is not valid JSON: ${where ? `line ${where.line}, column ${where.column}: ${where.reason}` : (e as Error).message}`);
  }
}

/** From this many articles an import counts as a bulk load (statistics are refreshed after it). */
export const BULK_IMPORT = 100;

/** Imports one article or an array of them in one transaction: all or nothing. */
export async function importArticles(text: string, deps: { repos: Repositories; articles: Pick<ArticleService, 'save'> }): Promise<ImportResult> {
  const data = parseJson(text);
  const list = Array.isArray(data) ? data : [data];
  if (!list.length) throw new ImportError('the file holds an empty array: nothing to import');

  const editions = new Set((await deps.repos.editions.all()).map((e) => e.code));
  const inputs: ArticleInput[] = [];
  const problems: ImportProblem[] = [];
  const firstPlace = new Map<number, number>();
  list.forEach((raw, i) => {
    const rawId = raw && typeof raw === 'object' && 'id' in raw ? (raw as Json).id : undefined;
    const at = { article: i + 1, ...((typeof rawId === 'number' || typeof rawId === 'string') && { id: rawId }) };
    const checked = checkArticle(raw, editions);
    if ('problems' in checked) {
      problems.push(...checked.problems.map((p) => worded(at, p)));
      return;
    }
    const id = checked.input.id!;
    const first = firstPlace.get(id);
    if (first !== undefined) problems.push(worded(at, { field: 'id', code: 'duplicate_id', params: { id, first } }));
    else firstPlace.set(id, i + 1);
    inputs.push(checked.input);
  });
  if (problems.length) throw ImportError.of(problems);

  // Each article's save says what it invalidates (touch); the import adds nothing of its own.
  const ids = await deps.repos.write(async (tx, touch) => {
    const out: number[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        out.push(await deps.articles.save(input, tx, touch));
      } catch (e) {
        // Checked above; what remains (a constraint the database alone knows) stops the import here,
        // worded in English by the catalogue, as the CLI reports every refusal.
        if (e instanceof DomainError) {
          const at = { article: i + 1, id: input.id! };
          throw ImportError.of(e.problems.length ? e.problems.map((p) => worded(at, p)) : [{ ...at, field: '(article)', reason: e.message }]);
        }
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
