import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { Notices } from './layout.tsx';
import { PasskeyForm } from './two-factor-pages.tsx';
import type { LoginVM, MessageVM, ResetConfirmVM, ResetRequestVM } from './view-models.ts';

export function LoginPage({ vm, t }: { vm: LoginVM; t: AdminTranslate }) {
  return (
    <section class="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t('loginTitle')}</h1>
      <Notices notices={[vm.notice]} />
      <form method="post" action={vm.action} class="stack">
        <input type="hidden" name="_csrf" value={vm.csrf} />
        <input type="hidden" name="next" value={vm.next} />
        <input type="hidden" name="lang" value={vm.lang} />
        <label for="email">{t('email')}</label>
        <input id="email" name="email" type="email" dir="ltr" autocomplete="username" required value={vm.email} autofocus={!vm.email} />
        <label for="password">{t('password')}</label>
        <input id="password" name="password" type="password" dir="ltr" autocomplete="current-password" required autofocus={!!vm.email} />
        <button type="submit" class="button">
          {t('logIn')}
        </button>
      </form>
      {vm.passkey && (
        <PasskeyForm id="passkey-login" mode="get" action={vm.passkey.action} csrf={vm.csrf} options={vm.passkey.options} words={vm.passkey.words} label={t('tf_usePasskey')}>
          <p class="or-passkey">{t('tf_loginPasskeyIntro')}</p>
          <input type="hidden" name="next" value={vm.next} />
          <input type="hidden" name="lang" value={vm.lang} />
        </PasskeyForm>
      )}
      <p>
        <a href={vm.resetUrl}>{t('forgotPassword')}</a>
      </p>
    </section>
  );
}

export function ResetRequestPage({ vm, t }: { vm: ResetRequestVM; t: AdminTranslate }) {
  return (
    <section class="auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('resetTitle')}</h1>
      <Notices notices={[vm.notice]} />
      {!vm.sent && (
        <form method="post" action={vm.action} class="stack">
          <p>{t('resetIntro')}</p>
          <input type="hidden" name="_csrf" value={vm.csrf} />
          <input type="hidden" name="lang" value={vm.lang} />
          <label for="email">{t('email')}</label>
          <input id="email" name="email" type="email" dir="ltr" autocomplete="username" required value={vm.email} />
          <button type="submit" class="button">
            {t('resetSend')}
          </button>
        </form>
      )}
      <p>
        <a href={vm.loginUrl}>{t('loginTitle')}</a>
      </p>
    </section>
  );
}

export function ResetConfirmPage({ vm, t }: { vm: ResetConfirmVM; t: AdminTranslate }) {
  return (
    <section class="auth-card" aria-labelledby="choose-title">
      <h1 id="choose-title">{t('resetChoose')}</h1>
      <Notices notices={[vm.notice]} />
      {vm.usable ? (
        <form method="post" action={vm.action} class="stack">
          <input type="hidden" name="_csrf" value={vm.csrf} />
          <input type="hidden" name="token" value={vm.token} />
          <input type="hidden" name="lang" value={vm.lang} />
          <label for="password">{t('newPassword')}</label>
          <input id="password" name="password" type="password" dir="ltr" autocomplete="new-password" required minLength={vm.minLength} aria-describedby="password-hint" />
          <p id="password-hint" class="hint">
            {t('newPasswordHint', { min: vm.minLength })}
          </p>
          <button type="submit" class="button">
            {t('save')}
          </button>
        </form>
      ) : (
        <p>
          <a href={vm.requestUrl}>{t('resetTitle')}</a>
        </p>
      )}
    </section>
  );
}

export function MessagePage({ vm }: { vm: MessageVM }) {
  return (
    <section class="auth-card">
      <h1>{vm.heading}</h1>
      <p>{vm.text}</p>
      {vm.back && (
        <p>
          <a href={vm.back.url}>{vm.back.label}</a>
        </p>
      )}
    </section>
  );
}
