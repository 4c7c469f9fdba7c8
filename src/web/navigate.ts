// Going to another page of the app without reloading it: the address changes, the shell and any page
// that keeps its place in the address hear it (popstate), and focus moves to the new content. A
// redirect (`replace`) takes the place of the address it leaves, so Back does not bounce into it again.
export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  document.getElementById('main')?.focus();
}
