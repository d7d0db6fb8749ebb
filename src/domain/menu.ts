/** One link of an edition's masthead menu: to a section (followed by slug) or to a URL. */
export interface MenuItem {
  id: number;
  edition: string;
  position: number;
  /** What the link says; empty for a section link means the section's name. */
  label: string;
  url: string | null;
  category: { id: number; slug: string; name: string } | null;
}

/** One link of a menu as it is written: a label, and a URL or a section. */
export interface MenuEntry {
  label: string;
  url: string | null;
  categoryId: number | null;
}
