/** Newsroom strings for the management screens (sections, tags, editions, menus, pages, users, home lead story) and the comment moderation queue. Arabic first; English has exactly the same keys. */
export const ar = {
} as const;

export const en: Record<keyof typeof ar, string> = {
};
