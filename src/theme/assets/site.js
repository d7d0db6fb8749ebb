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
