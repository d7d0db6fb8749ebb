// Passkeys in the newsroom (issue 19): the page's form carries the options the server made
// (data-options, JSON with base64url fields); this asks the browser for a credential and posts
// the answer, as JSON with base64url fields, in the form's hidden `credential` field. Without
// JavaScript or WebAuthn the form stays hidden and the rest of the page works.
// @ts-check

/** @param {string} s */
function fromB64url(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

/** @param {ArrayBuffer | null | undefined} buf */
function toB64url(buf) {
  if (!buf) return undefined;
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {any} o */
function creationOptions(o) {
  return {
    ...o,
    challenge: fromB64url(o.challenge),
    user: { ...o.user, id: fromB64url(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map((/** @type {any} */ c) => ({ ...c, id: fromB64url(c.id) })),
  };
}

/** @param {any} o */
function requestOptions(o) {
  return { ...o, challenge: fromB64url(o.challenge), allowCredentials: (o.allowCredentials || []).map((/** @type {any} */ c) => ({ ...c, id: fromB64url(c.id) })) };
}

/** @param {any} cred */
function credentialJson(cred) {
  const r = cred.response;
  const response = r.attestationObject
    ? { clientDataJSON: toB64url(r.clientDataJSON), attestationObject: toB64url(r.attestationObject), transports: typeof r.getTransports === 'function' ? r.getTransports() : [] }
    : { clientDataJSON: toB64url(r.clientDataJSON), authenticatorData: toB64url(r.authenticatorData), signature: toB64url(r.signature), userHandle: toB64url(r.userHandle) };
  return JSON.stringify({
    id: cred.id,
    rawId: toB64url(cred.rawId),
    type: cred.type,
    response,
    clientExtensionResults: cred.getClientExtensionResults(),
    authenticatorAttachment: cred.authenticatorAttachment || undefined,
  });
}

for (const form of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll('form[data-passkey]'))) {
  const status = /** @type {HTMLElement | null} */ (form.querySelector('[data-passkey-status]'));
  const say = (/** @type {string} */ key) => { if (status) status.textContent = form.dataset[key] || ''; };
  if (!window.PublicKeyCredential || !navigator.credentials) {
    say('unsupported');
    continue;
  }
  form.hidden = false;
  for (const n of document.querySelectorAll('[data-passkey-noscript]')) /** @type {HTMLElement} */ (n).hidden = true;
  form.addEventListener('submit', async (event) => {
    const field = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name=credential]'));
    if (!field || field.value) return; // the answer is in: let the form go
    event.preventDefault();
    if (!form.reportValidity()) return;
    say('waiting');
    try {
      const options = JSON.parse(form.dataset.options || '{}');
      const cred = form.dataset.passkey === 'create'
        ? await navigator.credentials.create({ publicKey: creationOptions(options) })
        : await navigator.credentials.get({ publicKey: requestOptions(options) });
      if (!cred) throw new Error('no credential');
      field.value = credentialJson(cred);
      form.submit();
    } catch {
      say('cancelled');
    }
  });
}
