// A small vocabulary written for the benchmark, so seeded articles read like varied news copy
// (different slugs, lengths and relations) without copying any real corpus.

export const AR = {
  subjects: [
    'الحكومة', 'البلدية', 'وزارة الصحة', 'المجلس المحلي', 'شركة ناشئة', 'جامعة المدينة', 'المصرف المركزي',
    'اتحاد الكرة', 'فرقة مسرحية', 'مرصد الطقس', 'هيئة النقل', 'نقابة المعلمين', 'مزارعو الوادي', 'مهرجان الفيلم',
    'مختبر البحوث', 'غرفة التجارة', 'النادي الأهلي', 'مكتبة الحي', 'مستشفى الشفاء', 'هيئة المياه',
  ],
  verbs: [
    'تطلق', 'تعلن', 'تناقش', 'تفتتح', 'تدرس', 'تراجع', 'توقع', 'تستضيف', 'تدعم', 'تؤجل', 'تكشف', 'تختبر',
    'تقر', 'تطور', 'توسع',
  ],
  objects: [
    'خطة جديدة', 'مشروعا للطاقة الشمسية', 'برنامجا للتدريب', 'موازنة العام', 'اتفاقية تعاون', 'معرضا للكتاب',
    'حملة للتشجير', 'تطبيقا للهاتف', 'شبكة حافلات', 'مركزا للبحث', 'بطولة للشباب', 'مبادرة للقراءة',
    'سوقا أسبوعية', 'نظاما للري', 'قانونا للإيجار', 'دراسة عن المناخ',
  ],
  qualifiers: [
    'للمرة الأولى', 'بعد سنوات من الانتظار', 'رغم الاعتراضات', 'بمشاركة واسعة', 'وسط ترحيب السكان',
    'بتمويل محلي', 'قبل نهاية الصيف', 'في خطوة مفاجئة', 'بحضور الخبراء', 'على مراحل',
  ],
  places: [
    'في عمّان', 'في تونس', 'في الرباط', 'في بيروت', 'في الدوحة', 'في مسقط', 'في الخرطوم', 'في حلب',
    'في وهران', 'في صفاقس', 'في إربد', 'في طنجة', 'في الموصل', 'في جدة', 'في المنامة',
  ],
  words: [
    'قال', 'مسؤول', 'إن', 'المشروع', 'سيبدأ', 'خلال', 'الأشهر', 'المقبلة', 'وأضاف', 'أن', 'السكان', 'ينتظرون',
    'النتائج', 'منذ', 'وقت', 'طويل', 'وأشار', 'التقرير', 'إلى', 'ارتفاع', 'عدد', 'المستفيدين', 'في', 'المدينة',
    'والقرى', 'المجاورة', 'بينما', 'طالب', 'الخبراء', 'بمزيد', 'من', 'الشفافية', 'والمتابعة', 'وتوقع', 'الباحثون',
    'تحسنا', 'ملحوظا', 'في', 'جودة', 'الخدمات', 'العامة', 'كما', 'دعا', 'المنظمون', 'الشباب', 'للمشاركة',
    'الفاعلة', 'وتقديم', 'أفكار', 'جديدة', 'وتبلغ', 'الكلفة', 'الإجمالية', 'نحو', 'مليون', 'دينار', 'على', 'مدى',
    'ثلاث', 'سنوات', 'ويرى', 'المراقبون', 'أن', 'الخطوة', 'تأتي', 'في', 'وقتها', 'بعد', 'موسم', 'جاف', 'أرهق',
    'المزارعين', 'والتجار', 'الصغار', 'وتعمل', 'اللجان', 'المختصة', 'على', 'إعداد', 'جدول', 'زمني', 'واضح',
    'يراعي', 'حاجات', 'الأحياء', 'الشعبية', 'والمدارس', 'والمراكز', 'الصحية', 'وفي', 'المقابل', 'أبدى', 'بعض',
    'الأهالي', 'قلقهم', 'من', 'الازدحام', 'وارتفاع', 'الأسعار', 'خلال', 'فترة', 'التنفيذ',
  ],
  tags: [
    'المياه', 'الطاقة', 'التعليم', 'الصحة العامة', 'النقل', 'الزراعة', 'السياحة', 'الشباب', 'المرأة', 'البيئة',
    'الاستثمار', 'التجارة', 'كرة القدم', 'السينما', 'الكتب', 'الذكاء الاصطناعي', 'الفضاء', 'المناخ', 'الإسكان',
    'الأسواق', 'التراث', 'الموسيقى', 'الجامعات', 'البلديات', 'الصحافة',
  ],
} as const;

export const EN = {
  subjects: ['The council', 'A start-up', 'The health ministry', 'City university', 'The central bank', 'The football union', 'Farmers', 'The film festival'],
  verbs: ['launches', 'announces', 'debates', 'opens', 'reviews', 'signs', 'hosts', 'backs', 'delays', 'unveils'],
  objects: ['a new plan', 'a solar project', 'a training scheme', 'the annual budget', 'a book fair', 'a bus network', 'a youth cup', 'a reading drive'],
  qualifiers: ['for the first time', 'after years of waiting', 'despite objections', 'with wide support', 'before summer'],
  places: ['in Amman', 'in Tunis', 'in Rabat', 'in Beirut', 'in Doha', 'in Muscat', 'in Aleppo', 'in Jeddah'],
  words: [
    'an', 'official', 'said', 'the', 'project', 'will', 'start', 'within', 'months', 'residents', 'have', 'waited',
    'for', 'results', 'experts', 'asked', 'more', 'transparency', 'and', 'follow-up', 'costs', 'reach', 'one',
    'million', 'over', 'three', 'years', 'observers', 'see', 'a', 'timely', 'step', 'after', 'dry', 'season',
    'committees', 'prepare', 'clear', 'schedule', 'schools', 'clinics', 'traders', 'worry', 'about', 'prices',
  ],
  tags: ['Water', 'Energy', 'Education', 'Health', 'Transport', 'Farming', 'Tourism', 'Youth', 'Climate', 'Markets', 'Cinema', 'Books'],
} as const;

export type Vocabulary = typeof AR | typeof EN;

export const AUTHORS = [
  { slug: 'bench-salma', name: 'سلمى النجار' },
  { slug: 'bench-hadi', name: 'هادي العمري' },
  { slug: 'bench-rana', name: 'رنا الشامي' },
  { slug: 'bench-yousef', name: 'يوسف البدوي' },
  { slug: 'bench-mariam', name: 'مريم القاسم' },
  { slug: 'bench-tariq', name: 'طارق الزين' },
] as const;

export const CATEGORIES = [
  { edition: 'ar', slug: 'local', name: 'محليات' },
  { edition: 'ar', slug: 'economy', name: 'اقتصاد' },
  { edition: 'ar', slug: 'culture', name: 'ثقافة' },
  { edition: 'ar', slug: 'sport', name: 'رياضة' },
  { edition: 'ar', slug: 'science', name: 'علوم' },
  { edition: 'en', slug: 'local', name: 'Local' },
  { edition: 'en', slug: 'economy', name: 'Economy' },
  { edition: 'en', slug: 'culture', name: 'Culture' },
  { edition: 'en', slug: 'science', name: 'Science' },
] as const;
