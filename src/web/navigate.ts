// Going to another page of the app without reloading it: the address changes, the shell and any page
// that keeps its place in the address hear it (popstate), and focus moves to the new content.
export function navigate(to: string) {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  document.getElementById('main')?.focus();
}
