/**
 * UI strings per language. Arabic is written first; English must have exactly the same keys
 * (the type enforces it). An edition whose locale has no table falls back to English.
 */
const ar = {
  skipToContent: 'انتقل إلى المحتوى',
  home: 'الرئيسية',
  editions: 'الطبعات',
  latest: 'آخر الأخبار',
  leadStory: 'الخبر الرئيسي',
  moreIn: 'المزيد في {name}',
  by: 'بقلم',
  in: 'في',
  tags: 'الوسوم',
  share: 'شارك:',
  shareWhatsApp: 'واتساب',
  shareTelegram: 'تيليغرام',
  shareX: 'إكس',
  shareFacebook: 'فيسبوك',
  shareEmail: 'البريد الإلكتروني',
  copyLink: 'نسخ الرابط',
  shortLink: 'الرابط المختصر',
  related: 'أخبار ذات صلة',
  alsoIn: 'اقرأ أيضاً في طبعات أخرى:',
  categoryArchive: 'قسم: {name}',
  tagArchive: 'وسم: {name}',
  authorArchive: 'مقالات {name}',
  dateArchive: 'أرشيف {date}',
  noArticles: 'لا توجد مقالات هنا بعد.',
  pagination: 'تصفح الصفحات',
  previousPage: 'الصفحة السابقة',
  nextPage: 'الصفحة التالية',
  pageOf: 'الصفحة {page} من {pages}',
  notFoundTitle: 'الصفحة غير موجودة',
  notFoundBody: 'لم نعثر على ما تبحث عنه. ربما نُقلت الصفحة أو حُذفت.',
  badRequestTitle: 'طلب غير صالح',
  badRequestBody: 'تعذّر فهم هذا الرابط. تحقق منه وحاول مجدداً.',
  tooManyRequestsTitle: 'طلبات كثيرة',
  tooManyRequestsBody: 'أرسلت طلبات كثيرة في وقت قصير. انتظر قليلاً ثم حاول مجدداً.',
  serverErrorTitle: 'حدث خطأ',
  serverErrorBody: 'حدث خطأ غير متوقع. أبلغنا برقم الطلب إن تكرر: {id}',
  backHome: 'العودة إلى الصفحة الرئيسية',
  footerRights: '© {year} {site}. جميع الحقوق محفوظة.',
  updated: 'آخر تحديث',
} as const;

export type StringKey = keyof typeof ar;
type Table = Record<StringKey, string>;

const en: Table = {
  skipToContent: 'Skip to content',
  home: 'Home',
  editions: 'Editions',
  latest: 'Latest news',
  leadStory: 'Top story',
  moreIn: 'More in {name}',
  by: 'By',
  in: 'in',
  tags: 'Tags',
  share: 'Share:',
  shareWhatsApp: 'WhatsApp',
  shareTelegram: 'Telegram',
  shareX: 'X',
  shareFacebook: 'Facebook',
  shareEmail: 'Email',
  copyLink: 'Copy link',
  shortLink: 'Short link',
  related: 'Related stories',
  alsoIn: 'Also in other editions:',
  categoryArchive: 'Section: {name}',
  tagArchive: 'Tag: {name}',
  authorArchive: 'Stories by {name}',
  dateArchive: 'Archive: {date}',
  noArticles: 'No stories here yet.',
  pagination: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: 'Page {page} of {pages}',
  notFoundTitle: 'Page not found',
  notFoundBody: 'We could not find what you were looking for. It may have moved or been removed.',
  badRequestTitle: 'Bad request',
  badRequestBody: 'This address could not be understood. Check it and try again.',
  tooManyRequestsTitle: 'Too many requests',
  tooManyRequestsBody: 'You sent too many requests in a short time. Wait a moment and try again.',
  serverErrorTitle: 'Something went wrong',
  serverErrorBody: 'An unexpected error occurred. If it happens again, tell us this request id: {id}',
  backHome: 'Back to the home page',
  footerRights: '© {year} {site}. All rights reserved.',
  updated: 'Updated',
};

const tables: Record<string, Table> = { ar, en };

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** The translator for a locale ('ar', 'ar-SA', 'en-GB' … match on the language). */
export function translator(locale: string): Translate {
  const table = tables[locale.split('-')[0] ?? ''] ?? en;
  return (key, vars) => {
    const s = table[key];
    return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
  };
}
