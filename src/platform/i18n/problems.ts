import type { Problem, ProblemCode } from '../../domain/errors.ts';

/**
 * Every input problem in words, once, for every surface: newsroom forms, the comment form, the
 * CLI (English) and the JSON APIs. `{name}` takes the problem's params.
 */
const MESSAGES: Record<'ar' | 'en', Record<ProblemCode, string>> = {
  ar: {
    required: 'هذا الحقل مطلوب.',
    too_long: 'النص أطول من المسموح به ({max} حرفاً).',
    too_short: 'قصير جداً: {min} أحرف على الأقل.',
    invalid: 'القيمة غير صالحة.',
    unknown: 'اختيار غير معروف.',
    choice: 'اختر من القائمة.',
    number: 'أدخل عدداً صحيحاً من {min} إلى {max}.',
    boolean: 'اختر نعم أو لا.',
    slug: 'اكتب حروفاً أو أرقاماً تفصل بينها شرطات.',
    taken: 'مستخدم من قبل: «{by}».',
    email: 'أدخل بريداً إلكترونياً مثل name@example.org.',
    url: 'أدخل رابطاً يبدأ بـ https:// أو مساراً يبدأ بـ /.',
    image_url: 'رابط http(s) أو مسار على الموقع يبدأ بـ /.',
    library_image: 'اختر صورة من مكتبة الوسائط: عنوانها يبدأ بـ /media/.',
    date_time: 'تاريخ ووقت غير صالحين.',
    type: 'نوع القيمة غير صحيح.',
    language_tag: 'أدخل رمز لغة مثل ar أو en-GB.',
    time_zone: 'أدخل منطقة زمنية مثل Asia/Riyadh.',
    host_name: 'أدخل اسم نطاق مثل en.example.org أو اتركه فارغاً.',
    not_a_setting: 'ليس من الإعدادات.',
    default_edition: 'لا بد من طبعة افتراضية: اجعل طبعة أخرى الافتراضية بدلاً من ذلك.',
    password_wrong: 'كلمة المرور الحالية غير صحيحة.',
    last_admin: 'لا بد أن يبقى للموقع مدير واحد على الأقل.',
    self: 'لا يمكنك فعل ذلك بحسابك أنت.',
    link_expired: 'انتهت صلاحية هذا الرابط أو استُخدم من قبل.',
    other_edition: 'هذا الاختيار من طبعة أخرى.',
    alt_required: 'النص البديل مطلوب مع الصورة.',
    one_per_edition: 'ترجمة واحدة لكل طبعة.',
    not_allowed: 'لا تملك صلاحية تعديل هذه الترجمة.',
    coauthor_not_allowed: 'لا يضيف كتّاباً آخرين إلى المقال إلا من يملك تحرير مقالات غيره.',
    not_applicable: 'هذا الإجراء لا ينطبق على المقال في حالته الحالية.',
    published_required: 'تاريخ النشر مطلوب لمقال منشور أو مجدول.',
    none_selected: 'اختر عنصراً واحداً على الأقل.',
    too_many: 'اختر {max} عنصراً على الأكثر.',
    not_deletable: 'لا يُحذف نهائياً إلا ما في المهملات أو المزعج، فلم يتغير شيء.',
    comments_closed: 'التعليقات مغلقة على هذا المقال.',
    too_quick: 'أنت ترسل التعليقات بسرعة كبيرة. انتظر {seconds} ث ثم أعد الإرسال.',
    duplicate: 'تعليق مكرر: يبدو أنك قلت هذا من قبل!',
    token_early: 'أُرسل النموذج أسرع مما يلزم. انتظر لحظة ثم أعد الإرسال؛ نصك محفوظ أدناه.',
    token_expired: 'انتهت صلاحية النموذج. أعد الإرسال؛ نصك محفوظ أدناه.',
    token_invalid: 'تعذّر التحقق من النموذج. أعد الإرسال من صفحة المقال؛ نصك محفوظ أدناه.',
    not_an_image: 'هذا الملف ليس صورة مقبولة (JPEG أو PNG أو WebP أو AVIF أو GIF).',
    file_too_large: 'الملف أكبر من الحد المسموح ({max} ميغابايت).',
    image_too_large: 'أبعاد الصورة كبيرة جداً: أكثر من {max} ميغابكسل.',
    json_syntax: 'JSON غير صالح في السطر {line} العمود {column}.',
    // users, editions and settings (area-manage)
    one_of: 'اختر واحداً من: {options}.',
    password_short: 'كلمة المرور قصيرة: {min} أحرف على الأقل.',
    // articles area (issue 10)
    unknown_edition: 'طبعة غير معروفة: «{value}» (المعروفة: {known}).',
    duplicate_id: 'المعرّف {id} مكرر في الملف (ورد أيضاً في المقال رقم {first}).',
    // comments, media, sign-in
    email_address: 'أدخل عنوان بريد إلكتروني صحيحاً.',
    website: 'أدخل رابطاً صحيحاً يبدأ بـ http:// أو https://.',
    parent_missing: 'التعليق الذي ترد عليه غير موجود.',
    parent_binned: 'لا يمكن الردّ على تعليق في المهملات أو المزعج. استعده أولاً.',
    unavailable: 'تعذّر الحفظ الآن لعطل مؤقت، ولم يُحفظ شيء. أعد الإرسال بعد لحظات.',
    // the WordPress REST API (issue 12)
    no_route: 'لا يوجد مسار يطابق هذا العنوان وطريقة الطلب.',
    no_such_id: 'المعرّف غير صالح.',
    login_required: 'عذراً، يجب تسجيل الدخول للتعليق.',
    page_beyond: 'رقم الصفحة المطلوب أكبر من عدد الصفحات المتاحة.',
    integer_list: 'أدخل أعداداً صحيحة تفصل بينها فواصل.',
    code_wrong: 'الرمز غير صحيح أو انتهت صلاحيته أو استُخدم من قبل.',
    passkey_failed: 'تعذّر التحقق من مفتاح المرور. أعد المحاولة.',
    last_factor: 'دورك يتطلب التحقق بخطوتين: أضف وسيلة أخرى قبل إزالة هذه.',
  },
  en: {
    required: 'This field is required.',
    too_long: 'This is longer than allowed ({max} characters).',
    too_short: 'Too short: at least {min} characters.',
    invalid: 'This value is not valid.',
    unknown: 'Unknown choice.',
    choice: 'Choose from the list.',
    number: 'Enter a whole number from {min} to {max}.',
    boolean: 'Must be true or false.',
    slug: 'Use letters or digits separated by hyphens.',
    taken: 'Already used by “{by}”.',
    email: 'must be an e-mail address such as name@example.org',
    url: 'Enter a link starting with https:// or a path starting with /.',
    image_url: 'An http(s) URL or a path on this site starting with /.',
    library_image: 'Choose an image from the media library: its address starts with /media/.',
    date_time: 'Not a valid date and time (ISO 8601 with a zone, e.g. 2022-02-25T18:50:00+03:00).',
    type: 'must be {expected}',
    language_tag: 'Must be a BCP 47 language tag such as ar or en-GB.',
    time_zone: 'must be an IANA time zone such as Asia/Riyadh',
    host_name: 'Must be a host name such as en.example.org (or empty).',
    not_a_setting: 'Not a setting (known: {known}).',
    default_edition: 'There must be a default edition: make another one the default instead.',
    password_wrong: 'The current password is not correct.',
    last_admin: 'The site must keep at least one administrator.',
    self: 'You cannot do this to your own account.',
    link_expired: 'This link has expired or was already used.',
    other_edition: 'This choice belongs to another edition.',
    alt_required: 'Alt text is required with an image.',
    one_per_edition: 'One translation per edition.',
    not_allowed: 'You may not change that translation.',
    coauthor_not_allowed: 'Only those who may edit other people’s articles can add co-authors.',
    not_applicable: 'This action does not apply to the article in its current state.',
    published_required: 'A published or scheduled article needs a publication date.',
    none_selected: 'Select at least one.',
    too_many: 'Select at most {max}.',
    not_deletable: 'Only items in spam or the trash can be deleted permanently, so nothing was changed.',
    comments_closed: 'Comments are closed on this article.',
    too_quick: 'You are posting comments too quickly. Wait {seconds} s, then send it again.',
    duplicate: 'Duplicate comment detected; it looks as though you’ve already said that!',
    token_early: 'The form was sent faster than a person can type. Wait a moment and send it again; your text is kept below.',
    token_expired: 'The form has expired. Send it again; your text is kept below.',
    token_invalid: 'The form could not be verified. Send it again from the article page; your text is kept below.',
    not_an_image: 'This file is not an accepted image (JPEG, PNG, WebP, AVIF or GIF).',
    file_too_large: 'The file is larger than the limit ({max} MB).',
    image_too_large: 'The image is too large: over {max} megapixels.',
    json_syntax: 'Invalid JSON at line {line}, column {column}.',
    // users, editions and settings (area-manage)
    one_of: 'must be one of {options}',
    password_short: 'The password is too short: at least {min} characters.',
    // articles area (issue 10); the words the importer's tests assert
    unknown_edition: 'unknown edition "{value}" (known: {known})',
    duplicate_id: '{id} appears twice in the file (also article #{first})',
    // comments, media, sign-in
    email_address: 'Enter a valid email address.',
    website: 'Enter a valid address starting with http:// or https://.',
    parent_missing: 'The comment you are replying to does not exist.',
    parent_binned: 'You cannot reply to a comment in spam or the trash. Restore it first.',
    unavailable: 'This could not be saved just now (a temporary fault), and nothing was saved. Send it again in a moment.',
    // the WordPress REST API (issue 12)
    no_route: 'No route was found matching the URL and request method.',
    no_such_id: 'Invalid ID.',
    login_required: 'Sorry, you must be logged in to comment.',
    page_beyond: 'The page number requested is larger than the number of pages available.',
    integer_list: 'Enter whole numbers separated by commas.',
    code_wrong: 'That code is wrong, has expired or was already used.',
    passkey_failed: 'The passkey could not be verified. Try again.',
    last_factor: 'Your role requires two-factor sign-in: add another method before removing this one.',
  },
};

export type ProblemLocale = keyof typeof MESSAGES;

/** A problem in words, in `locale` (any other locale falls back to English). */
export function problemMessage(locale: string, p: Problem): string {
  const table = locale === 'ar' || locale.startsWith('ar-') ? MESSAGES.ar : MESSAGES.en;
  // A code missing from the table (an older caller's sentence, until every caller sends codes) is said as it is.
  return (table[p.code] ?? p.code).replace(/\{(\w+)\}/g, (m, k: string) => (p.params && k in p.params ? String(p.params[k]) : m));
}

/** Each problem as «field: message», one per line: how the CLI reports refused input. */
export function problemLines(problems: readonly Problem[], locale = 'en'): string[] {
  return problems.map((p) => (p.field ? `${p.field}: ${problemMessage(locale, p)}` : problemMessage(locale, p)));
}
