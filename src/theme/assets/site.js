// Progressive enhancement only: every page reads fully without this file.
// "Copy link" copies the article's short link instead of following it.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-copy]') : null;
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(() => {
    const label = link.textContent;
    link.textContent = link.dataset.copied || '✓';
    setTimeout(() => { link.textContent = label; }, 2000);
  });
});

// Comments. Without this the form posts normally (303 back to the comment) and reply links
// reload the page with ?replytocom=; with it, the reply form moves under the comment and a post
// swaps the comment section in place. Any failure falls back to a normal submit.
(() => {
  let home = null; // where the form sits when it is not under a comment
  const title = () => document.querySelector('#reply-title');
  const mark = () => {
    const respond = document.getElementById('respond');
    if (!respond) return;
    home = document.createElement('span');
    respond.before(home);
    const t = title();
    if (t && t.firstChild) respond.dataset.title = t.firstChild.textContent;
  };
  let replyingTo = null;
  const showCancel = (on) => {
    const cancel = document.getElementById('cancel-comment-reply-link');
    if (cancel && cancel.parentElement) cancel.parentElement.hidden = !on;
  };
  const setTitle = (text) => {
    const t = title();
    if (t && t.firstChild) t.firstChild.textContent = text;
  };
  mark();

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const respond = document.getElementById('respond');
    const form = document.getElementById('commentform');
    if (!target || !respond || !form) return;
    const link = target.closest('a.comment-reply-link[data-replyto]');
    const li = link && document.getElementById(`comment-${link.dataset.replyto}`);
    if (li) {
      event.preventDefault();
      li.querySelector(':scope > .comment-body').after(respond);
      form.elements.comment_parent.value = link.dataset.replyto;
      replyingTo = link.dataset.replyto;
      setTitle(`${link.getAttribute('aria-label')} `);
      showCancel(true);
      form.elements.comment.focus();
    } else if (target.closest('#cancel-comment-reply-link') && home && home.isConnected && form.elements.comment_parent.value !== '0') {
      event.preventDefault();
      home.after(respond);
      form.elements.comment_parent.value = '0';
      setTitle(respond.dataset.title || '');
      showCancel(false);
      const back = document.getElementById(`comment-${replyingTo}`)?.querySelector('.comment-reply-link');
      if (back) back.focus();
    }
  });

  const swapSection = (html) => {
    const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('comments');
    const current = document.getElementById('comments');
    if (!fresh || !current) return false;
    current.replaceWith(document.adoptNode(fresh));
    mark();
    return true;
  };

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.id !== 'commentform' || typeof fetch !== 'function') return;
    event.preventDefault();
    const button = form.querySelector('.submit');
    if (button) button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (res.ok) {
        const { location } = await res.json();
        const page = await fetch(location, { credentials: 'same-origin', cache: 'no-store' });
        if (!swapSection(await page.text())) throw new Error('no comment section');
        const added = document.getElementById(location.slice(location.indexOf('#') + 1));
        if (added) {
          added.setAttribute('tabindex', '-1');
          added.scrollIntoView({ block: 'center' });
          added.focus();
        }
      } else if (swapSection(await res.text())) {
        const errors = document.getElementById('comment-errors');
        if (errors) errors.focus();
      } else {
        throw new Error(`HTTP ${res.status}`);
      }
    } catch {
      HTMLFormElement.prototype.submit.call(form);
    }
  });
})();

// "Most read": the article page reports its view once it is shown — a page from the CDN reaches
// no server otherwise. Without JavaScript the page's <noscript> image does the same.
(() => {
  const article = document.querySelector('article[data-view-beacon]');
  if (!article) return;
  const url = article.dataset.viewBeacon;
  if (!(navigator.sendBeacon && navigator.sendBeacon(url))) fetch(url, { method: 'POST', keepalive: true, credentials: 'omit' }).catch(() => {});
})();
