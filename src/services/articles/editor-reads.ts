import type { Account } from '../../domain/account.ts';
import type { Article, ArticleKind, ArticleRef, ArticleState, ArticleSummary } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import { Forbidden, NotFound } from '../../domain/errors.ts';
import type { MenuItem } from '../../domain/menu.ts';
import type { Revision } from '../../domain/revision.ts';
import type { Category } from '../../domain/taxonomy.ts';
import type { Clock } from '../../platform/clock.ts';
import { htmlToText } from '../../platform/html/sanitize.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type EditionSet, loadEditions } from '../editions/editions.ts';
import { type Actor, canDoTo } from '../users/capabilities.ts';
import { type EditorForm, formOf } from './editor-form.ts';
import { mayOpen, mayWriteKind } from './editor-rules.ts';
import { type DiffPart, wordDiff } from './word-diff.ts';

/** Translation candidates offered per edition. */
export const TRANSLATION_CHOICES = 200;

/** An article's editable state, as the edit form shows it. */
export interface EditorDocument {
  article: Article;
  state: ArticleState;
  form: EditorForm;
  /** The newest revision, when it is an autosave whose text is not the saved one. */
  newerAutosave: Revision | null;
}

/** What the editor form offers around what was typed. */
export interface EditorChoices {
  editions: readonly Edition[];
  /** The edition the form is in. */
  edition: Edition;
  categories: Category[];
  accounts: Account[];
  /** One per other edition (none for a page): the articles offered as its translation, and the one chosen. */
  translations: { edition: Edition; offered: ArticleRef[]; chosen: ArticleRef | null }[];
  /** The stored article's revisions (0 for a new one). */
  revisionCount: number;
}

/** Two revisions side by side: word-level differences of title, excerpt and body text. */
export interface Comparison {
  state: ArticleState;
  edition: Edition | undefined;
  from: Revision;
  to: Revision;
  title: DiffPart[];
  excerpt: DiffPart[];
  body: DiffPart[];
  /** The texts are the same and only the HTML (links, emphasis) changed. */
  markupOnly: boolean;
}

/** A saved article as its public page would show it, and that page's surroundings. */
export interface Preview {
  kind: ArticleKind;
  article: Article;
  translations: ArticleSummary[];
  editions: EditionSet;
  edition: Edition;
  sections: Category[];
  menu: MenuItem[];
}

/** The editor's read side: what its pages show, each read checked against the actor. */
export class EditorReads {
  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  private get repos() {
    return this.deps.repos;
  }

  /** The article as the edit form shows it; Forbidden unless the actor may open it. */
  async load(actor: Actor, id: number): Promise<EditorDocument> {
    const { repos } = this;
    const state = await repos.articleEditor.state(id);
    const article = state && (await repos.articles.findById(id));
    if (!state || !article) throw new NotFound('article');
    if (!mayOpen(actor, state)) throw new Forbidden('article.edit');
    const linked = article.translationGroup ? await repos.articleEditor.groupChoices(article.translationGroup, id) : [];
    const zone = (await loadEditions(repos)).get(article.edition)?.timezone ?? 'UTC';
    // A live article's autosaves never touch it, nor does one refused as a conflict.
    const [newest] = await repos.revisions.list(id);
    const newer = newest?.kind === 'autosave' && (newest.title !== article.title || newest.bodyHtml !== article.bodyHtml) ? newest : null;
    return { article, state, form: formOf(article, linked, zone, state.kind), newerAutosave: newer };
  }

  /** The stored article and its state (a refused save shows them again), or null. */
  async stored(id: number): Promise<{ article: Article; state: ArticleState } | null> {
    const state = await this.repos.articleEditor.state(id);
    const article = state && (await this.repos.articles.findById(id));
    return state && article ? { article, state } : null;
  }

  /**
   * What a posted form is about: the stored article (null for a new one), the form with the kind
   * and edition a stored article keeps (an edit form cannot move it to another edition, nor make
   * a post of a page), and whether the actor may see what is stored. Forbidden, with no form to
   * show again, when the actor may not write that kind at all.
   */
  async posted(actor: Actor, id: number | null, form: EditorForm): Promise<{ form: EditorForm; stored: { article: Article; state: ArticleState } | null; mayOpen: boolean }> {
    const stored = id === null ? null : await this.stored(id);
    if (id !== null && !stored) throw new NotFound('article');
    const fixed = stored ? { ...form, edition: stored.state.edition, kind: stored.state.kind } : form;
    if (!mayWriteKind(actor, fixed.kind)) throw new Forbidden('page.manage');
    return { form: fixed, stored, mayOpen: stored ? mayOpen(actor, stored.state) : false };
  }

  /** The edition, sections, accounts and translation candidates around a form. */
  async choices(form: EditorForm, article: Article | null, kind: ArticleKind): Promise<EditorChoices> {
    const { repos } = this;
    const editions = (await loadEditions(repos)).list;
    const edition = editions.find((e) => e.code === form.edition) ?? editions.find((e) => e.code === article?.edition) ?? editions[0]!;
    const [categories, accounts, picked] = await Promise.all([
      repos.taxonomies.categories(edition.code),
      repos.accounts.all(),
      repos.articleEditor.choicesByIds(form.translationIds),
    ]);
    const translations: EditorChoices['translations'] = [];
    // A page has no translation links (nor sections, tags, co-authors or comments).
    for (const other of kind === 'page' ? [] : editions.filter((e) => e.code !== edition.code)) {
      const offered = await repos.articleEditor.translationChoices(other.code, TRANSLATION_CHOICES);
      const chosen = picked.find((p) => p.edition === other.code) ?? null;
      if (chosen && !offered.some((c) => c.id === chosen.id)) offered.unshift(chosen);
      translations.push({ edition: other, offered: offered.filter((c) => c.id !== article?.id), chosen });
    }
    const revisionCount = article ? (await repos.revisions.list(article.id)).length : 0;
    return { editions, edition, categories, accounts, translations, revisionCount };
  }

  /**
   * The real public page's content for the saved article (drafts too), for its editors only,
   * with what the public page shows around it (its edition's sections and masthead menu).
   */
  async preview(actor: Actor, id: number): Promise<Preview> {
    const { repos, clock } = this.deps;
    const state = await repos.articleEditor.state(id);
    const stored = state && (await repos.articles.findById(id));
    if (!state || !stored) throw new NotFound('article');
    if (!mayWriteKind(actor, state.kind)) throw new Forbidden('page.manage');
    if (!canDoTo(actor, 'article.edit', state)) throw new Forbidden('article.edit');
    const editions = await loadEditions(repos);
    const edition = editions.get(stored.edition);
    if (!edition) throw new NotFound('edition');
    const [sections, menu] = await Promise.all([repos.taxonomies.categories(edition.code), repos.menus.all(edition.code)]);
    const around = { editions, edition, sections, menu };
    if (state.kind === 'page') return { kind: 'page', article: stored, translations: [], ...around };
    // A draft has no date yet: the page shows the one it would get now.
    const article = { ...stored, publishedAt: stored.publishedAt || clock.now().toISOString() };
    return { kind: 'post', article, translations: await repos.articles.translations(article), ...around };
  }

  /** An article's revisions, newest first, with what the page shows of the article. */
  async revisions(actor: Actor, articleId: number): Promise<{ state: ArticleState; title: string; edition: Edition | undefined; revisions: Revision[] }> {
    const { repos } = this;
    const state = await repos.articleEditor.state(articleId);
    if (!state) throw new NotFound('article');
    if (!mayOpen(actor, state)) throw new Forbidden('article.edit');
    const [revisions, article, editions] = await Promise.all([repos.revisions.list(articleId), repos.articles.findById(articleId), loadEditions(repos)]);
    return { state, title: article?.title ?? '', edition: editions.get(state.edition), revisions };
  }

  /**
   * Two revisions side by side. `'current'` stands for the article as saved now (a refused save
   * compares against it).
   */
  async compare(actor: Actor, articleId: number, fromId: number | 'current', toId: number | 'current'): Promise<Comparison> {
    const { state, edition, revisions } = await this.revisions(actor, articleId);
    const pick = async (id: number | 'current'): Promise<Revision | undefined> => {
      if (id !== 'current') return revisions.find((r) => r.id === id);
      const a = await this.repos.articles.findById(articleId);
      return a ? { id: 0, articleId, kind: 'save', title: a.title, excerpt: a.excerpt, bodyHtml: a.bodyHtml, userId: null, userName: null, createdAt: a.updatedAt } : undefined;
    };
    const from = await pick(fromId);
    const to = await pick(toId);
    if (!from || !to) throw new NotFound('revision');
    // Oldest on the first side, whichever order they were picked in (the saved text counts as oldest:
    // a refused save is compared as a change to it).
    const order = (r: Revision) => (r.id === 0 ? -1 : r.id);
    const [a, b] = order(from) <= order(to) ? [from, to] : [to, from];
    return {
      state,
      edition,
      from: a,
      to: b,
      title: wordDiff(a.title, b.title),
      excerpt: wordDiff(a.excerpt, b.excerpt),
      body: wordDiff(htmlToText(a.bodyHtml), htmlToText(b.bodyHtml)),
      markupOnly: htmlToText(a.bodyHtml) === htmlToText(b.bodyHtml) && a.bodyHtml !== b.bodyHtml,
    };
  }
}
