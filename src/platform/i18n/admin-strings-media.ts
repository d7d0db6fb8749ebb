/** Newsroom strings for the media library. Arabic first; English has exactly the same keys. */
export const ar = {
} as const;

export const en: Record<keyof typeof ar, string> = {
};
