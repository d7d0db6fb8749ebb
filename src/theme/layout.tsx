import type { ComponentChildren } from 'preact';
import { NavItems } from './parts.tsx';
import type { LayoutVM } from './view-models.ts';

/** The page shell: head, masthead, section nav, footer. Readable with JavaScript off. */
export function Layout({ vm, children }: { vm: LayoutVM; children: ComponentChildren }) {
  return (
    <html lang={vm.lang} dir={vm.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {vm.noindex && <meta name="robots" content="noindex, follow" />}
        <title>{vm.title}</title>
        {vm.description && <meta name="description" content={vm.description} />}
        {vm.canonical && <link rel="canonical" href={vm.canonical} />}
        {vm.alternates.map((a) => (
          <link rel="alternate" hrefLang={a.lang} href={a.url} />
        ))}
        {vm.fontPreloads.map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossOrigin="anonymous" />
        ))}
        <link rel="stylesheet" href={vm.css} />
        <link rel="icon" href={vm.faviconUrl} type="image/svg+xml" />
        <meta name="theme-color" content="#b3261e" />
        {vm.og && <OpenGraph vm={vm} />}
        {(vm.feeds ?? []).map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.url} />
        ))}
        {vm.jsonLd && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: vm.jsonLd }} />}
        <script src={vm.js} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">{vm.skipLabel}</a>
        <div class="topbar">
          <div class="wrap">
            <nav aria-label={vm.editionsLabel}>
              <ul class="editions">
                {vm.editions.map((e) => (
                  <li>
                    <a href={e.url} lang={e.lang} hrefLang={e.lang} aria-current={e.current ? 'page' : undefined}>
                      {e.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
        <header class="masthead wrap">
          <a class="brand" href={vm.homeUrl}>
            {vm.logoUrl ? (
              <img class="brand-logo" src={vm.logoUrl} alt={vm.siteName} width={240} height={64} />
            ) : (
              <span class="brand-name">{vm.siteName}</span>
            )}
          </a>
          {vm.tagline && <p class="tagline">{vm.tagline}</p>}
          {vm.search && (
            <form class="search-form" role="search" aria-label={vm.search.label} action={vm.search.action} method="get">
              <label class="visually-hidden" for="site-search">{vm.search.label}</label>
              <input id="site-search" type="search" name="q" value={vm.search.q} placeholder={vm.search.placeholder} maxLength={256} />
              <button type="submit">{vm.search.button}</button>
            </form>
          )}
        </header>
        <nav class="nav" aria-label={vm.navLabel}>
          <ul class="wrap">
            <NavItems items={vm.nav} />
          </ul>
        </nav>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="footer">
          <div class="wrap">
            <p>{vm.footerText}</p>
          </div>
        </footer>
        {vm.formToken && <input type="hidden" name="form_token" value={vm.formToken.value} form={vm.formToken.form} />}
      </body>
    </html>
  );
}

function OpenGraph({ vm }: { vm: LayoutVM }) {
  const og = vm.og!;
  return (
    <>
      <meta property="og:site_name" content={vm.siteName} />
      <meta property="og:locale" content={ogLocale(vm.lang)} />
      <meta property="og:type" content={og.type} />
      <meta property="og:title" content={og.title} />
      <meta property="og:description" content={og.description} />
      <meta property="og:url" content={og.url} />
      <meta property="og:image" content={og.image} />
      {og.publishedTime && <meta property="article:published_time" content={og.publishedTime} />}
      {og.modifiedTime && <meta property="article:modified_time" content={og.modifiedTime} />}
      {og.section && <meta property="article:section" content={og.section} />}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={og.title} />
      <meta name="twitter:description" content={og.description} />
      <meta name="twitter:image" content={og.image} />
    </>
  );
}

/** Open Graph wants language_TERRITORY: «ar» → «ar_AR» (Facebook's form for Arabic), «en-GB» → «en_GB». */
const OG_TERRITORY: Record<string, string> = { ar: 'AR', en: 'US', fr: 'FR', es: 'ES', de: 'DE', tr: 'TR', fa: 'IR', ur: 'PK' };
export function ogLocale(lang: string): string {
  const [language, region] = lang.split('-');
  const l = language!.toLowerCase();
  return `${l}_${(region ?? OG_TERRITORY[l] ?? l).toUpperCase()}`;
}
