import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ArticleInput } from '../../src/domain/article.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';

/**
 * The SaudiNewsNet corpus in ../shared (CC BY-NC-SA, research only): read in place by tests and
 * benchmarks, never copied into the repository, shipped or served.
 */
export const SHARED_DIR = sharedDir(join(import.meta.dirname, '..', '..'));
export const CORPUS_DIR = join(SHARED_DIR, 'data', 'arabic-news-saudinewsnet');
/** The Arabic stop-word lists (MIT) beside the corpus: the evaluation's "not a stop word". */
export const STOPWORDS_DIR = join(SHARED_DIR, 'data', 'arabic-stopwords');

/**
 * `shared/` beside the checkout — or beside a folder above it, for a git worktree kept in a
 * subfolder (wt/<branch>/): the nearest one wins; the checkout's own sibling when none exists.
 */
function sharedDir(repo: string): string {
  for (let dir = dirname(repo); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared', 'data'))) return join(dir, 'shared');
    if (dirname(dir) === dir) return join(dirname(repo), 'shared');
  }
}

export interface CorpusArticle {
  source: string;
  url: string;
  date_extracted: string;
  title: string;
  author: string;
  content: string;
}

/** Why corpus tests cannot run here, or null when they can. */
export function corpusMissing(): string | null {
  if (!existsSync(CORPUS_DIR)) return `the corpus is not at ${CORPUS_DIR}`;
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
  } catch {
    return 'the unzip command is not installed';
  }
  return null;
}

export function corpusDays(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => /^\d{4}-\d{2}-\d{2}\.zip$/.test(f)).sort();
}

/** One day's articles, unzipped in memory (`unzip -p`), nothing written to disk. */
export function readCorpusDay(zip: string): CorpusArticle[] {
  const json = execFileSync('unzip', ['-p', join(CORPUS_DIR, zip)], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return JSON.parse(json) as CorpusArticle[];
}

/** A corpus article as Khabar input: Riyadh time, paragraphs from its lines, the source as section. */
export function corpusInput(a: CorpusArticle, id: number): ArticleInput {
  const paragraphs = a.content.split('\n').map((p) => p.trim()).filter(Boolean);
  const title = a.title.trim() || (paragraphs[0] ?? '').slice(0, 80) || `article ${id}`;
  return {
    id,
    edition: 'ar',
    title,
    slug: `c-${id}`,
    bodyHtml: paragraphsToHtml(paragraphs.length ? paragraphs : [title]),
    status: 'published',
    commentStatus: 'closed',
    publishedAt: `${a.date_extracted.replace(' ', 'T')}+03:00`,
  };
}
