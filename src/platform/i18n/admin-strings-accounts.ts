/** Newsroom strings for accounts' security: sessions, request origins, the audit trail. Arabic first; English has exactly the same keys. */
export const ar = {
  foreignOrigin: 'رُفض الطلب: أُرسل من موقع آخر غير غرفة الأخبار. افتح الصفحة من غرفة الأخبار نفسها ثم أعد المحاولة.',
};

export const en: Record<keyof typeof ar, string> = {
  foreignOrigin: 'Request refused: it was sent from a site other than the newsroom. Open the page in the newsroom itself and try again.',
};
