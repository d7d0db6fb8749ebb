import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';
import { createMailer, type Mailer } from '../platform/mailer.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { WriteListener } from '../storage/write-path.ts';
import { ArchiveService } from './archives/archives.ts';
import { AuditService } from './audit/audit.ts';
import { ArticleEditor } from './articles/editor.ts';
import { ArticleService } from './articles/articles.ts';
import { NewsroomList } from './articles/newsroom-list.ts';
import { ArticleWorkflow } from './articles/workflow.ts';
import { CommentService } from './comments/comments.ts';
import { ModerationService } from './comments/moderation.ts';
import { ModeratorNotices } from './comments/moderator-notices.ts';
import { Urls } from './editions/urls.ts';
import { FeedService } from './feeds/feeds.ts';
import { OldAddresses } from './wordpress/old-addresses.ts';
import { EditionService } from './editions/edition-service.ts';
import { HomeLead } from './editions/home-lead.ts';
import { MenuService } from './menus/menus.ts';
import { TaxonomyService } from './taxonomies/taxonomies.ts';
import { UserService } from './users/users.ts';
import { MediaService } from './media/media.ts';
import { configuredMediaStore } from './media/open-media-store.ts';
import { MostRead } from './popularity/most-read.ts';
import { SharedViews } from './popularity/shared-views.ts';
import { ContentVersion } from './cluster/content-version.ts';
import { type Leader, SoleInstance } from '../platform/leader.ts';
import { PeriodicJobs } from '../platform/periodic-jobs.ts';
import type { RedisLink } from '../platform/redis.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { SearchService } from './search/search.ts';
import { StaticPageService } from './static-pages/static-pages.ts';
import { AccountService } from './users/accounts.ts';
import { PasswordResetService } from './users/password-reset.ts';
import { SessionService } from './users/sessions.ts';
import { relyingParty, TwoFactorService } from './users/two-factor.ts';
import type { HashCost } from './users/passwords.ts';
import { WordpressIds } from './wordpress/wordpress-ids.ts';

/**
 * Where services write their lines. The web app points it at its own logger once it exists
 * (services are wired before the app, which is built from them).
 */
export class ServiceLog {
  private sink: { info(msg: string): void; error(obj: unknown, msg?: string): void } | null = null;

  to(sink: { info(msg: string): void; error(obj: unknown, msg?: string): void }): void {
    this.sink = sink;
  }

  info(msg: string): void {
    this.sink?.info(msg);
  }

  error(err: unknown): void {
    if (this.sink) this.sink.error({ err }, 'background task failed');
  }
}

export interface ServiceDeps {
  config: Config;
  repos: Repositories;
  clock: Clock;
  secret: string;
  /** Outgoing mail; defaults to SMTP_URL, else the outbox folder. */
  mailer?: Mailer;
  /** Tests only: a cheaper argon2 cost. */
  hashCost?: HashCost;
  /** Tests only: "most read" counters flushed on demand. */
  mostRead?: MostRead;
  /** REDIS_URL's connection (the runtime's), shared by every instance; none with one machine. */
  redis?: RedisLink | null;
  /** Who runs the periodic jobs (the runtime's); without it, this process. */
  leader?: Leader;
}

/**
 * Everything the entry points (web, CLI) may call, wired once at start. Repositories and the
 * query builder stay behind it: `src/web` is built from this object alone.
 */
export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  readonly log: ServiceLog;
  /** The site secret (signs cookies and form tokens). */
  readonly secret: string;
  readonly mailer: Mailer;
  readonly urls: Urls;
  readonly articles: ArticleService;
  readonly archives: ArchiveService;
  readonly staticPages: StaticPageService;
  readonly editor: ArticleEditor;
  readonly workflow: ArticleWorkflow;
  readonly newsroomList: NewsroomList;
  readonly scheduler: Scheduler;
  readonly search: SearchService;
  readonly feeds: FeedService;
  /** What an old WordPress address (`/?p=`, permalinks, archives, feeds) names on Khabar. */
  readonly oldAddresses: OldAddresses;
  readonly mostRead: MostRead;
  readonly comments: CommentService;
  /** The newsroom's comment moderation: the queue, bulk actions, staff replies. */
  readonly moderation: ModerationService;
  /** The moderators' e-mail digest of held comments (the `moderator-notices` job). */
  readonly moderatorNotices: ModeratorNotices;
  readonly media: MediaService;
  readonly sessions: SessionService;
  /** The append-only audit trail: who changed what, when, from where. */
  readonly audit: AuditService;
  readonly accounts: AccountService;
  readonly passwordReset: PasswordResetService;
  /** Two-factor sign-in: authenticator apps, passkeys, recovery codes, the roles that must use them. */
  readonly twoFactor: TwoFactorService;
  /** Newsroom members: the users screen and each member's own profile. */
  readonly users: UserService;
  /** Sections and tags. */
  readonly taxonomies: TaxonomyService;
  /** The editions and their settings (with each edition's comment policy). */
  readonly editions: EditionService;
  readonly homeLead: HomeLead;
  readonly menus: MenuService;
  /** The ids the outside world knows objects by: WordPress ids of imported content, else Khabar's. */
  readonly wordpressIds: WordpressIds;
  /** The content version: every write that readers see moves it (storage/write-path.ts). */
  contentVersion(): Promise<number>;
  /** How this instance knows the content version (with Redis: announced; tests wait on its `heard`). */
  readonly contentVersions: ContentVersion;
  /** The periodic jobs (scheduled publishing, the view flush, …): `serve` starts them, tests `run` one. */
  readonly jobs: PeriodicJobs;
  /** REDIS_URL's connection, or null (one machine). */
  readonly redis: RedisLink | null;
  /**
   * Can this instance take traffic: the database answers and its schema is the one this code
   * expects (an instance started before a migration, or against an old database, is not ready).
   */
  readiness(): Promise<{ ready: true } | { ready: false; reason: 'database' | 'migrations'; pending?: string[] }>;
  /** Hears the invalidation keys of every write this process commits. */
  onWrite(listener: WriteListener): () => void;
}

export function createServices(deps: ServiceDeps): Services {
  const { config, clock, secret } = deps;
  const redis = deps.redis ?? null;
  const leader = deps.leader ?? new SoleInstance();
  const log = new ServiceLog();
  // With Redis the version is announced instead of asked per request (the database stays the
  // floor: see ContentVersion); every service reads it through this view of the repositories.
  const contentVersions = new ContentVersion({ repos: deps.repos, clock, redis });
  const repos = { ...deps.repos, changes: contentVersions };
  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, databaseUrl: config.databaseUrl, log: (line) => log.info(line) });
  const urls = new Urls(config.siteUrl ?? `http://localhost:${config.port}`, config.mediaPublicUrl);
  const hashCost = deps.hashCost ? { hashCost: deps.hashCost } : {};
  const comments = new CommentService({
    repos, clock, secret, log: (line) => log.info(line),
    articleUrl: async (a) => {
      const e = (await repos.editions.all()).find((x) => x.code === a.edition);
      return e && a.publishedAt ? urls.absolute(urls.article(e, { slug: a.slug, publishedAt: a.publishedAt })) : '';
    },
  });
  // One translation of public ids (WordPress's where the import recorded them) for the old
  // addresses and the REST API.
  const wordpressIds = new WordpressIds({ repos });
  const audit = new AuditService({ repos, clock });
  const sessions = new SessionService({ repos, clock, audit });
  let schemaCurrent = false;
  const scheduler = new Scheduler({ repos, clock });
  const mostRead = deps.mostRead ?? new MostRead({ repos, clock, onError: (e) => log.error(e), shared: redis && new SharedViews(redis), leader });
  const jobs = new PeriodicJobs(leader, (_name, e) => log.error(e));
  jobs.add('scheduled-publishing', { every: () => scheduler.nextWaitMs(), run: () => scheduler.tick() });
  // On every instance: each writes the counts it kept in memory; the Redis part is the leader's.
  jobs.add('view-flush', { every: mostRead.flushIntervalMs, run: () => mostRead.flush(), everyInstance: true });
  // The leader's alone: one digest per moderator per interval, whichever instance took the comments.
  const moderatorNotices = new ModeratorNotices({ repos, clock, mailer, absolute: (path) => urls.absolute(path), log: (line) => log.info(line) });
  jobs.add('moderator-notices', { every: () => moderatorNotices.nextWaitMs(), run: () => moderatorNotices.run() });
  const editor = new ArticleEditor({ repos, clock });
  // Abandoned autosave drafts go after a week, as in WordPress (twice a day is often enough).
  jobs.add('auto-draft-cleanup', { every: 12 * 3_600_000, run: async () => void (await editor.deleteOldAutoDrafts()) });
  return {
    editor,
    config, clock, log, secret, mailer, urls, comments, wordpressIds, scheduler, mostRead, jobs, redis, contentVersions, audit, sessions, moderatorNotices,
    moderation: new ModerationService({ repos, clock, secret }),
    articles: new ArticleService({ repos, clock }),
    archives: new ArchiveService({ repos }),
    staticPages: new StaticPageService({ repos }),
    workflow: new ArticleWorkflow({ repos, clock }),
    newsroomList: new NewsroomList({ repos }),
    search: new SearchService({ repos, clock }),
    feeds: new FeedService({ repos, comments: repos.comments, clock }),
    oldAddresses: new OldAddresses({ repos, wordpressIds }),
    media: new MediaService({ repos, clock, store: configuredMediaStore(config), maxBytes: config.mediaMaxBytes, log: (line) => log.info(line) }),
    accounts: new AccountService({ repos, clock, sessions, ...hashCost }),
    passwordReset: new PasswordResetService({ repos, clock, mailer, sessions, audit, ...hashCost }),
    twoFactor: new TwoFactorService({ repos, clock, audit, sessions, secret, rp: relyingParty(urls.siteUrl) }),
    users: new UserService({ repos, clock, sessions, ...hashCost }),
    taxonomies: new TaxonomyService({ repos }),
    editions: new EditionService({ repos }),
    homeLead: new HomeLead({ repos }),
    menus: new MenuService({ repos }),
    contentVersion: () => contentVersions.read(),
    readiness: async () => {
      try {
        // A schema only moves forward: once current, it stays so, and the check (an introspection
        // of the catalog, slow on a busy PostgreSQL) is not repeated; the database is still asked.
        if (!schemaCurrent) {
          const pending = await repos.pendingMigrations();
          if (pending.length) return { ready: false, reason: 'migrations', pending };
          schemaCurrent = true;
        }
        await deps.repos.changes.read();
      } catch {
        return { ready: false, reason: 'database' };
      }
      return { ready: true };
    },
    onWrite: (listener) => repos.onWrite(listener),
  };
}
