import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { NavItems } from '../parts.tsx';
import type { AdminShellVM, Notice } from './view-models.ts';

/** The newsroom shell: never indexed, RTL or LTR by the user's UI language, no scripts but a page's own (the editor's). */
export function AdminLayout({ vm, children }: { vm: AdminShellVM; children: ComponentChildren }) {
  const t = vm.t;
  return (
    <html lang={vm.lang} dir={vm.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${vm.title} · ${t('newsroom')}`}</title>
        <link rel="stylesheet" href={vm.css} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header class="admin-bar">
          <span class="admin-brand">{t('newsroom')}</span>
          {vm.nav.length > 0 && (
            <nav aria-label={t('adminNav')}>
              <ul>
                <NavItems items={vm.nav} />
                <li>
                  <a href={vm.siteUrl}>{t('viewSite')}</a>
                </li>
              </ul>
            </nav>
          )}
          {vm.user && (
            <div class="admin-user">
              <span>
                <bdi>{vm.user.name}</bdi> · {vm.user.roleLabel}
              </span>
              <form method="post" action={vm.user.localeUrl} class="inline-form">
                <input type="hidden" name="_csrf" value={vm.user.csrf} />
                <input type="hidden" name="locale" value={vm.user.otherLocale} />
                <input type="hidden" name="next" value={vm.user.returnTo} />
                <button type="submit" class="link-button" lang={vm.user.otherLocale} title={t('language')}>
                  {t('switchLanguage')}
                </button>
              </form>
              <form method="post" action={vm.user.logoutUrl} class="inline-form">
                <input type="hidden" name="_csrf" value={vm.user.csrf} />
                <button type="submit" class="link-button">
                  {t('logout')}
                </button>
              </form>
            </div>
          )}
          {vm.languageLink && (
            <a class="admin-lang" href={vm.languageLink.url} lang={vm.languageLink.lang} hrefLang={vm.languageLink.lang}>
              {vm.languageLink.label}
            </a>
          )}
        </header>
        <main id="main" class="admin-main">
          {children}
        </main>
        {vm.scripts?.map((src) => <script type="module" src={src}></script>)}
      </body>
    </html>
  );
}

export function Notices({ notices }: { notices: (Notice | null)[] }) {
  return (
    <>
      {notices.map((n) =>
        n ? (
          <p class={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            {n.text}
          </p>
        ) : null,
      )}
    </>
  );
}

export function renderAdminDocument(shell: AdminShellVM, body: ComponentChildren): string {
  return `<!doctype html>${renderToString(<AdminLayout vm={shell}>{body}</AdminLayout>)}`;
}
