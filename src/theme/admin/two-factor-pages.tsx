import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { SubmitRow } from './components.tsx';
import { Csrf, type FieldVM, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { Notice } from './view-models.ts';

/** The strings the passkey script says while it waits, or when the browser cannot or would not. */
export interface PasskeyWordsVM {
  waiting: string;
  cancelled: string;
  unsupported: string;
}

/**
 * A form whose submit asks the browser for a passkey (src/theme/admin/passkeys.js) and posts the
 * answer in `credential`. Hidden until the script finds WebAuthn; a status line says what happens.
 */
export function PasskeyForm({ id, mode, action, csrf, options, words, children, label }: {
  id: string; mode: 'create' | 'get'; action: string; csrf: string; options: string; words: PasskeyWordsVM; label: string; children?: preact.ComponentChildren;
}) {
  return (
    <form method="post" action={action} id={id} class="form-grid passkey-form" hidden data-passkey={mode} data-options={options}
      data-waiting={words.waiting} data-cancelled={words.cancelled} data-unsupported={words.unsupported}>
      <Csrf token={csrf} />
      <input type="hidden" name="credential" value="" />
      {children}
      <SubmitRow label={label} />
      <p class="hint" role="status" data-passkey-status></p>
    </form>
  );
}

export interface TotpEnrolVM {
  action: string;
  /** The otpauth:// address as a QR code (SVG markup made by the qrcode package: paths only). */
  qrSvg: string;
  key: string;
  code: FieldVM;
}

export interface PasskeyRowVM {
  id: number;
  name: string;
  created: { iso: string; text: string };
  lastUsed: { iso: string; text: string } | null;
  renameAction: string;
  removeAction: string;
}

export interface TwoFactorVM {
  notices: Notice[];
  csrf: string;
  on: boolean;
  app: { on: true; removeAction: string } | { on: false; enrol: TotpEnrolVM };
  passkeys: PasskeyRowVM[];
  addPasskey: { action: string; options: string; name: FieldVM; words: PasskeyWordsVM };
  recovery: { left: number; action: string } | null;
}

/** Shows a QR code drawn on the server: a picture with a name, the key beside it for typing. */
function QrCode({ svg, label }: { svg: string; label: string }) {
  // The markup comes from the qrcode package (rect and path elements only), never from a person.
  return <div class="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function TwoFactorPage({ vm, t }: { vm: TwoFactorVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('tf_title')}</h1>
      <Notices notices={vm.notices} />
      <p>{t('tf_intro')}</p>
      <p>
        <strong>{vm.on ? t('tf_stateOn') : t('tf_stateOff')}</strong>
      </p>
      <section class="panel" aria-labelledby="app-title">
        <h2 id="app-title">{t('tf_appTitle')}</h2>
        {vm.app.on ? (
          <>
            <p>{t('tf_appOn')}</p>
            <form method="post" action={vm.app.removeAction}>
              <Csrf token={vm.csrf} />
              <button type="submit" class="button danger">{t('tf_appRemove')}</button>
            </form>
          </>
        ) : (
          <div class="totp-enrol">
            <p>{t('tf_appSteps')}</p>
            <QrCode svg={vm.app.enrol.qrSvg} label={t('tf_qrLabel')} />
            <p>
              {t('tf_key')}: <code dir="ltr" class="totp-key">{vm.app.enrol.key}</code>
            </p>
            <form method="post" action={vm.app.enrol.action} class="form-grid">
              <Csrf token={vm.csrf} />
              <TextField f={vm.app.enrol.code} />
              <SubmitRow label={t('tf_confirm')} />
            </form>
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">{t('tf_passkeysTitle')}</h2>
        <p>{t('tf_passkeysIntro')}</p>
        {vm.passkeys.length ? (
          <ul class="passkey-list">
            {vm.passkeys.map((p) => (
              <li>
                <strong><bdi>{p.name}</bdi></strong>
                <span class="hint">
                  {t('tf_passkeyCreated')}: <time datetime={p.created.iso}>{p.created.text}</time> · {t('tf_passkeyLastUsed')}:{' '}
                  {p.lastUsed ? <time datetime={p.lastUsed.iso}>{p.lastUsed.text}</time> : t('tf_never')}
                </span>
                <span class="passkey-actions">
                  <form method="post" action={p.renameAction} class="inline-fields">
                    <Csrf token={vm.csrf} />
                    <label class="visually-hidden" for={`passkey-name-${p.id}`}>{t('tf_newName', { name: p.name })}</label>
                    <input id={`passkey-name-${p.id}`} name="name" type="text" value={p.name} maxLength={100} required />
                    <button type="submit">{t('tf_rename')}</button>
                  </form>
                  <form method="post" action={p.removeAction} class="inline-form">
                    <Csrf token={vm.csrf} />
                    <button type="submit" aria-label={t('tf_removeNamed', { name: p.name })}>{t('tf_remove')}</button>
                  </form>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('tf_noPasskeys')}</p>
        )}
        <p class="hint" data-passkey-noscript>{t('tf_noScript')}</p>
        <PasskeyForm id="passkey-add" mode="create" action={vm.addPasskey.action} csrf={vm.csrf} options={vm.addPasskey.options} words={vm.addPasskey.words} label={t('tf_passkeyAdd')}>
          <TextField f={vm.addPasskey.name} />
        </PasskeyForm>
      </section>
      {vm.recovery && (
        <section class="panel" aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('tf_recoveryTitle')}</h2>
          <p>{t('tf_recoveryLeft', { count: vm.recovery.left })}</p>
          <p>{t('tf_recoveryText')}</p>
          <form method="post" action={vm.recovery.action}>
            <Csrf token={vm.csrf} />
            <button type="submit" class="button">{t('tf_recoveryNew')}</button>
          </form>
        </section>
      )}
    </>
  );
}

/** Shown once, straight from the POST that made them (never in a URL; only their hashes are kept). */
export function RecoveryCodesPage({ vm, t }: { vm: { heading: string; codes: string[]; continueUrl: string }; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.heading}</h1>
      <h2>{t('tf_recoveryOnceTitle')}</h2>
      <p>{t('tf_recoveryOnce')}</p>
      <ol class="once recovery-codes" dir="ltr">
        {vm.codes.map((c) => (
          <li><code>{c}</code></li>
        ))}
      </ol>
      <p>
        <a class="button" href={vm.continueUrl}>{t('tf_continue')}</a>
      </p>
    </>
  );
}

export interface VerifyVM {
  notice: Notice | null;
  csrf: string;
  next: string;
  codeAction: string | null;
  code: FieldVM;
  passkey: { action: string; options: string; words: PasskeyWordsVM } | null;
  loginUrl: string;
}

/** The second step of a sign-in: a code (app or recovery), or a passkey. */
export function VerifyPage({ vm, t }: { vm: VerifyVM; t: AdminTranslate }) {
  return (
    <section class="auth-card" aria-labelledby="verify-title">
      <h1 id="verify-title">{t('tf_verifyTitle')}</h1>
      <Notices notices={[vm.notice]} />
      {vm.codeAction && (
        <form method="post" action={vm.codeAction} class="stack">
          <p>{t('tf_verifyIntro')}</p>
          <Csrf token={vm.csrf} />
          <input type="hidden" name="next" value={vm.next} />
          <TextField f={vm.code} />
          <button type="submit" class="button">{t('tf_verify')}</button>
        </form>
      )}
      {vm.passkey && (
        <>
          <p>{t('tf_verifyPasskeyIntro')}</p>
          <PasskeyForm id="passkey-sign-in" mode="get" action={vm.passkey.action} csrf={vm.csrf} options={vm.passkey.options} words={vm.passkey.words} label={t('tf_usePasskey')}>
            <input type="hidden" name="next" value={vm.next} />
          </PasskeyForm>
        </>
      )}
      <p class="hint">{t('tf_lost')}</p>
      <p>
        <a href={vm.loginUrl}>{t('loginTitle')}</a>
      </p>
    </section>
  );
}

export interface SecurityVM {
  notices: Notice[];
  action: string;
  csrf: string;
  roles: { value: string; label: string; checked: boolean }[];
}

/** Which roles must use two factors (administrators only). */
export function SecurityPage({ vm, t }: { vm: SecurityVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('tf_securityTitle')}</h1>
      <Notices notices={vm.notices} />
      <form method="post" action={vm.action} class="form-grid">
        <Csrf token={vm.csrf} />
        <fieldset class="panel" aria-describedby="roles-hint">
          <legend>{t('tf_rolesLegend')}</legend>
          {vm.roles.map((r) => (
            <div class="field checkbox-field">
              <label>
                <input type="checkbox" name="roles" value={r.value} checked={r.checked} /> {r.label}
              </label>
            </div>
          ))}
          <p class="hint" id="roles-hint">{t('tf_rolesHint')}</p>
        </fieldset>
        <SubmitRow label={t('save')} />
      </form>
    </>
  );
}

/** The two-factor part of a member's page: its state and the administrator's reset. */
export function UserTwoFactorPanel({ vm, csrf, t }: { vm: { state: string; resetAction: string | null }; csrf: string; t: AdminTranslate }) {
  return (
    <section class="panel" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('tf_title')}</h2>
      <p>{vm.state}</p>
      {vm.resetAction && (
        <>
          <p>{t('tf_resetText')}</p>
          <form method="post" action={vm.resetAction}>
            <Csrf token={csrf} />
            <button type="submit" class="button danger">{t('tf_reset')}</button>
          </form>
        </>
      )}
    </section>
  );
}
