/** A feed as plain values (URLs already absolute): what the RSS and Atom writers serialise. */
export interface FeedItem {
  title: string;
  url: string;
  /** A stable id: the short link, as WordPress's guid. */
  guid: string;
  published: string; // ISO instant
  updated: string;
  authors: string[];
  categories: string[];
  summary: string;
  /** Sanitised HTML, or null when the feed carries excerpts only. */
  contentHtml: string | null;
  /** The item's photo (RSS media:content, Atom link rel="enclosure"), or absent. */
  image?: FeedImage | null;
}

export interface FeedImage {
  url: string;
  /** The MIME type when the URL tells it. */
  type: string | null;
  width: number | null;
  height: number | null;
  alt: string;
}

export interface Feed {
  title: string;
  description: string;
  /** The page the feed follows (site home, archive, article). */
  url: string;
  /** The feed's own URL (rel=self). */
  selfUrl: string;
  /** BCP 47 language, for <language> and xml:lang. */
  language: string;
  dir: 'rtl' | 'ltr';
  updated: string;
  generator: string;
  imageUrl: string | null;
  items: FeedItem[];
}

/** The HTML of an item as feed readers get it: wrapped so right-to-left text stays right-to-left. */
export function directedHtml(html: string, feed: Pick<Feed, 'dir' | 'language'>): string {
  return `<div dir="${feed.dir}" lang="${feed.language}">${html}</div>`;
}
