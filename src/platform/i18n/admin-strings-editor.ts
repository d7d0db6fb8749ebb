/** Newsroom strings for the article editor, workflow and revisions. Arabic first; English has exactly the same keys. */
export const ar = {
} as const;

export const en: Record<keyof typeof ar, string> = {
};
