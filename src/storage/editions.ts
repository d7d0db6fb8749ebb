import type { Kysely, Selectable } from 'kysely';
import type { DigitStyle, Direction, Edition, MonthStyle } from '../domain/edition.ts';
import type { Tx } from './write-path.ts';
import type { Database, EditionsTable } from './schema.ts';

function toEdition(r: Selectable<EditionsTable>): Edition {
  return {
    code: r.code,
    locale: r.locale,
    dir: r.dir as Direction,
    timezone: r.timezone,
    digits: r.digits as DigitStyle,
    monthStyle: r.month_style as MonthStyle,
    showHijri: r.show_hijri === 1,
    host: r.host,
    isDefault: r.is_default === 1,
    position: r.position,
    siteName: r.site_name,
    tagline: r.tagline,
    logoUrl: r.logo_url,
    faviconUrl: r.favicon_url,
    shareImageUrl: r.share_image_url,
    wpApiComments: r.wp_api_comments === 1,
  };
}

function toRow(e: Edition): Selectable<EditionsTable> & { wp_api_comments: number } {
  return {
    code: e.code,
    locale: e.locale,
    dir: e.dir,
    timezone: e.timezone,
    digits: e.digits,
    month_style: e.monthStyle,
    show_hijri: e.showHijri ? 1 : 0,
    host: e.host,
    is_default: e.isDefault ? 1 : 0,
    position: e.position,
    site_name: e.siteName,
    tagline: e.tagline,
    logo_url: e.logoUrl,
    favicon_url: e.faviconUrl,
    share_image_url: e.shareImageUrl,
    wp_api_comments: e.wpApiComments ? 1 : 0,
  };
}

export class EditionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async all(db: Tx = this.db): Promise<Edition[]> {
    const rows = await db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute();
    return rows.map(toEdition);
  }

  /** Inserts the edition, or leaves an existing one as its operators configured it. */
  async insertIfMissing(e: Edition, db: Tx = this.db): Promise<void> {
    await db.insertInto('editions').values(toRow(e)).onConflict((oc) => oc.column('code').doNothing()).execute();
  }

  async update(e: Edition, db: Tx = this.db): Promise<void> {
    const { code, ...rest } = toRow(e);
    await db.updateTable('editions').set(rest).where('code', '=', code).execute();
  }
}
