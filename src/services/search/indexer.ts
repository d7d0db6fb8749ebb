import { invalidates } from '../../domain/invalidation.ts';
import { analyzeForIndex, eachIndexedForm } from '../../platform/arabic/analyzer.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Tx } from '../../storage/write-path.ts';
import { docKey, type IndexSource, type SearchDocument, TITLE_END } from '../../storage/search.ts';
import { storedTokens, storedWord } from './stored-tokens.ts';

/** Longer bodies are indexed up to here: the words that matter are near the top of a news story. */
const MAX_INDEXED_CHARS = 60_000;
/** Every candidate is read with the title and this many words of the lead (stems: a few more, with variants). */
export const LEAD_WORDS = 60;
/**
 * The whole-article tokens hold the title and this many words of excerpt and body (stems: a
 * third more, for the variants) — all of nearly every news story (SaudiNewsNet: median 200
 * words, 90 % under 600), so BM25 sees the body, not only the lead.
 */
export const SCORED_WORDS = 700;
/**
 * Title stems are indexed a second time with this prefix (a digit then a letter: no analyzer
 * output starts so), so the candidate stage can ask for the matches with every word in the title
 * (services/search/search.ts) — on both engines, with one indexed column.
 */
export const TITLE_MARK = '0t';

/** The token lists of one article's index entry: everything in it but its keys, status and date. */
export type SearchTokens = Pick<SearchDocument, 'terms' | 'norm' | 'stem' | 'fullNorm' | 'fullStem'>;

/**
 * Tokens made beforehand (the WordPress import analyses its posts on another thread), with the
 * texts they were made from: the indexer uses them only for an article with those very texts.
 */
export interface PreparedTokens {
  locale: string;
  title: string;
  excerpt: string;
  bodyText: string;
  tokens: SearchTokens;
}

/** The analyzer's work for one article (pure: any thread may do it). */
export function searchTokens(a: Pick<IndexSource, 'title' | 'excerpt' | 'bodyText'>, locale: string): SearchTokens {
  const title = analyzeForIndex(a.title, { locale });
  const rest = restLists(`${a.excerpt}\n${a.bodyText}`.slice(0, MAX_INDEXED_CHARS), locale);
  const titleMarks = [...new Set(title.stem.split(' ').filter(Boolean))].map((t) => TITLE_MARK + t).join(' ');
  const titleNorm = storedTokens(title.norm);
  const titleStem = storedTokens(title.stem);
  // « title | body »: padded with spaces so every token reads « token », and « | » ends the title
  // (both engines' tokenizers drop it) so the scorer finds title matches without the title text.
  return {
    terms: ` ${title.stem} ${rest.stem} ${titleMarks} `,
    // The scorer's lists in one-byte characters (stored-tokens.ts); `terms` is matched by the engines' tokenizers, as written.
    norm: ` ${titleNorm} ${TITLE_END} ${rest.leadNorm} `,
    stem: ` ${titleStem} ${TITLE_END} ${rest.leadStem} `,
    fullNorm: ` ${titleNorm} ${TITLE_END} ${rest.fullNorm} `,
    fullStem: ` ${titleStem} ${TITLE_END} ${rest.fullStem} `,
  };
}

/** Stems of the whole-article list: a third more than its words, for the variants. */
const SCORED_STEMS = Math.round(SCORED_WORDS * 1.3);

/**
 * The excerpt and body's lists in one pass over their words: every stem (as the engines match
 * them), and the first LEAD_WORDS and SCORED_WORDS norms and LEAD_WORDS and SCORED_STEMS stems as
 * stored. Built from each word's stored form: converting and cutting the whole lists afterwards
 * cost a sixth of the analysis (109 → 93 µs a post of the import bench, lists flattened as sent).
 */
function restLists(text: string, locale: string): { stem: string; leadNorm: string; fullNorm: string; leadStem: string; fullStem: string } {
  let stem = '';
  let fullNorm = '';
  let leadNorm = '';
  let norms = 0;
  let fullStem = '';
  let leadStem = '';
  let stems = 0;
  eachIndexedForm(text, { locale }, (f) => {
    if (norms < SCORED_WORDS) {
      fullNorm = norms ? `${fullNorm} ${storedWord(f.norm)}` : storedWord(f.norm);
      if (++norms === LEAD_WORDS) leadNorm = fullNorm;
    }
    for (const s of f.stems) {
      stem = stem ? `${stem} ${s}` : s;
      if (stems < SCORED_STEMS) {
        fullStem = stems ? `${fullStem} ${storedWord(s)}` : storedWord(s);
        if (++stems === LEAD_WORDS) leadStem = fullStem;
      }
    }
  });
  return { stem, fullNorm, fullStem, leadNorm: norms < LEAD_WORDS ? fullNorm : leadNorm, leadStem: stems < LEAD_WORDS ? fullStem : leadStem };
}

/**
 * Every post is indexed whatever its status: search reads the status (and the date) from the
 * articles row in the same query, so publishing, unpublishing or trashing shows at once — even
 * through a writer that never calls the indexer (the scheduler's publishDue, bulk status edits).
 */
export function searchDocument(a: IndexSource, locale: string, prepared?: PreparedTokens): SearchDocument {
  const fits = prepared !== undefined && prepared.locale === locale && prepared.title === a.title && prepared.excerpt === a.excerpt && prepared.bodyText === a.bodyText;
  return {
    articleId: a.id,
    edition: a.edition,
    docKey: docKey(a.publishedAt ?? '1970-01-01T00:00:00Z', a.id),
    status: a.status,
    publishedAt: a.publishedAt,
    ...(fits ? prepared.tokens : searchTokens(a, locale)),
  };
}

/** What the index holds of an article: posts only (pages are not searched). */
const isIndexed = (a: IndexSource): boolean => a.kind === 'post';

/** Brings one article's index entry up to date. MUST run inside the writer's transaction (pass `tx`). */
export async function indexArticle(repos: Repositories, tx: Tx, id: number): Promise<void> {
  const a = await repos.search.source(tx, id);
  if (!a || !isIndexed(a)) {
    await repos.search.remove(tx, id);
    return;
  }
  const edition = (await repos.editions.all(tx)).find((e) => e.code === a.edition);
  await repos.search.upsert(tx, searchDocument(a, edition?.locale ?? a.edition));
}

/**
 * Index entries for articles just inserted together (a bulk import), from what was written
 * rather than read back, in a few statements. MUST run inside the writer's transaction.
 */
export async function indexNewArticles(repos: Repositories, tx: Tx, sources: readonly (IndexSource & { prepared?: PreparedTokens })[]): Promise<void> {
  const locales = new Map((await repos.editions.all(tx)).map((e) => [e.code, e.locale]));
  await repos.search.insertMany(tx, sources.filter(isIndexed).map((a) => searchDocument(a, locales.get(a.edition) ?? a.edition, a.prepared)));
}

/** Removes an article from the index (a hard delete; trash keeps its entry, hidden by status). */
export async function unindexArticle(repos: Repositories, tx: Tx, id: number): Promise<void> {
  await repos.search.remove(tx, id);
}

/**
 * Rebuilds the whole index in one transaction (readers keep the old index until it commits),
 * reporting progress after each batch.
 */
export async function reindexAll(repos: Repositories, onProgress: (done: number, total: number) => void = () => {}, batchSize = 500): Promise<number> {
  const total = await repos.search.indexable();
  const locales = new Map((await repos.editions.all()).map((e) => [e.code, e.locale]));
  let done = 0;
  // Pages do not change, but the content version must move: the search service keeps document
  // counts per version, and a reindex (after an analyzer change) may change them.
  await repos.write(async (tx) => {
    await repos.search.clear(tx);
    for (let after = 0; ; ) {
      const batch = await repos.search.batchIn(tx, after, batchSize);
      if (!batch.length) break;
      for (const a of batch) await repos.search.upsert(tx, searchDocument(a, locales.get(a.edition) ?? a.edition));
      after = batch[batch.length - 1]!.id;
      done += batch.length;
      onProgress(done, total);
    }
  }, { invalidates: [...locales.keys()].map((code) => invalidates.edition(code)) });
  await repos.refreshStatistics(); // the index was rebuilt from nothing
  return done;
}
