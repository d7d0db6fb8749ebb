import { AccountRepository } from './accounts.ts';
import { AuditLogRepository } from './audit-log.ts';
import { NewsroomArticleRepository } from './newsroom-articles.ts';
import { ArticleEditorRepository } from './article-editor.ts';
import { OldUrlRepository } from './article-old-urls.ts';
import { RevisionRepository } from './article-revisions.ts';
import { ArticleRepository } from './articles.ts';
import { ArticleViewsRepository } from './article-views.ts';
import { ChangeCounter } from './change-counter.ts';
import { CommentRepository } from './comments.ts';
import type { Db } from './db.ts';
import { EditionRepository } from './editions.ts';
import { MediaReferencesRepository, MediaRepository } from './media.ts';
import { SearchRepository } from './search.ts';
import { SettingsRepository } from './settings.ts';
import { ModeratorNoticeRepository } from './moderator-notices.ts';
import { SitemapRepository } from './sitemaps.ts';
import { TaxonomyRepository } from './taxonomies.ts';
import { HomeLeadRepository } from './home-lead.ts';
import { MenuRepository } from './menus.ts';
import { StaticPageRepository } from './static-pages.ts';
import { UserRepository } from './users.ts';
import { TwoFactorRepository } from './two-factor.ts';
import { WordpressIdRepository } from './wordpress-ids.ts';
import { BulkImportRepository } from './bulk-import.ts';
import { OldAddressRepository } from './old-addresses.ts';
import { SiteExportRepository } from './site-export.ts';
import { PublishedQueryRepository } from './published-queries.ts';
import { pendingMigrations } from './migrate.ts';
import { type Tx, type Touch, type WriteListener, type WriteOptions, WritePath } from './write-path.ts';

/** Every repository over one database handle: what services receive. */
export interface Repositories {
  readonly db: Db;
  readonly articles: ArticleRepository;
  readonly editions: EditionRepository;
  readonly taxonomies: TaxonomyRepository;
  readonly users: UserRepository;
  readonly settings: SettingsRepository;
  /** The content version, read per request; only the write path moves it. */
  readonly changes: Pick<ChangeCounter, 'read' | 'readSync'>;
  readonly comments: CommentRepository;
  /** What each moderator has been told about held comments (the digest's state). */
  readonly moderatorNotices: ModeratorNoticeRepository;
  readonly search: SearchRepository;
  readonly views: ArticleViewsRepository;
  readonly sitemaps: SitemapRepository;
  readonly accounts: AccountRepository;
  /** The append-only audit trail. */
  readonly auditLog: AuditLogRepository;
  /** Second factors: authenticator apps, passkeys, recovery codes, sign-ins that still owe one. */
  readonly twoFactor: TwoFactorRepository;
  readonly newsroomArticles: NewsroomArticleRepository;
  readonly homeLead: HomeLeadRepository;
  readonly menus: MenuRepository;
  readonly staticPages: StaticPageRepository;
  readonly articleEditor: ArticleEditorRepository;
  readonly revisions: RevisionRepository;
  readonly oldUrls: OldUrlRepository;
  readonly media: MediaRepository;
  /** Media addresses kept in articles and editions, and the library's names (`khabar media`). */
  readonly mediaReferences: MediaReferencesRepository;
  /** WordPress ids per edition (imports, old addresses, the WordPress REST API). */
  readonly wordpressIds: WordpressIdRepository;
  /** Many new articles and comments in few statements (the WordPress import's bulk path). */
  readonly bulkImport: BulkImportRepository;
  readonly oldAddresses: OldAddressRepository;
  /** The paged reads of `khabar export` (a WordPress WXR file). */
  readonly siteExport: SiteExportRepository;
  /** Published content as filtered lists (the WordPress REST API's queries). */
  readonly published: PublishedQueryRepository;
  /**
   * The one way to write (storage/write-path.ts): one transaction that says what it invalidates;
   * the content version moves inside it and the keys are announced after the commit.
   */
  write<T>(fn: (tx: Tx, touch: Touch) => Promise<T>, o: WriteOptions<T>): Promise<T>;
  /** Hears the invalidation keys of every write this process commits. */
  onWrite(listener: WriteListener): () => void;
  /** Migrations the database still lacks (for /readyz: an instance on an old schema is not ready). */
  pendingMigrations(): Promise<string[]>;
  /** After a bulk load: planner statistics brought up to date (see DialectOps). */
  refreshStatistics(): Promise<void>;
}

export function createRepositories(db: Db): Repositories {
  const k = db.kysely;
  const changes = new ChangeCounter(k, db.changeCounterNow);
  const writes = new WritePath(k, changes);
  return {
    db,
    articles: new ArticleRepository(k, db.dialect),
    editions: new EditionRepository(k),
    taxonomies: new TaxonomyRepository(k),
    users: new UserRepository(k),
    settings: new SettingsRepository(k),
    changes,
    comments: new CommentRepository(k, db.dialect, (fn, o) => writes.write(fn, o)),
    moderatorNotices: new ModeratorNoticeRepository(k),
    search: new SearchRepository(k, db.dialect.fullText),
    views: new ArticleViewsRepository(k),
    sitemaps: new SitemapRepository(k),
    accounts: new AccountRepository(k),
    auditLog: new AuditLogRepository(k),
    twoFactor: new TwoFactorRepository(k),
    newsroomArticles: new NewsroomArticleRepository(k),
    homeLead: new HomeLeadRepository(),
    menus: new MenuRepository(k),
    staticPages: new StaticPageRepository(k),
    articleEditor: new ArticleEditorRepository(k),
    revisions: new RevisionRepository(k),
    oldUrls: new OldUrlRepository(k),
    media: new MediaRepository(k),
    mediaReferences: new MediaReferencesRepository(k),
    wordpressIds: new WordpressIdRepository(k),
    bulkImport: new BulkImportRepository(db.dialect),
    oldAddresses: new OldAddressRepository(k),
    siteExport: new SiteExportRepository(k),
    published: new PublishedQueryRepository(k),
    write: (fn, o) => writes.write(fn, o),
    onWrite: (listener) => writes.onWrite(listener),
    pendingMigrations: () => pendingMigrations(k, db.dialect, db.schema),
    refreshStatistics: () => db.dialect.refreshStatistics(k),
  };
}
