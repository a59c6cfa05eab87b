// Hash routes (#/brands/brd_…?status=active): the page is one document, so the server never sees a route, and an
// invitation's token (#accept=…) never leaves the browser.

export interface Route {
  segments: string[];
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, search] = hash.split("?", 2);
  return { segments: path.split("/").filter((s) => s.length > 0).map(decodeURIComponent), query: new URLSearchParams(search ?? "") };
}

export function go(path: string): void {
  const target = `#${path.startsWith("/") ? path : `/${path}`}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = target;
}

export function link(path: string): string {
  return `#${path.startsWith("/") ? path : `/${path}`}`;
}
