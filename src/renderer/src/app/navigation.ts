/** The current route as React state, following `location.hash`. */
import { useMemo, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './routes';

function onHashChange(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function currentHash(): string {
  return window.location.hash;
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(onHashChange, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Goes to a route; `replace` swaps the history entry (next/previous image should not fill Back). */
export function navigate(route: Route, options: { readonly replace?: boolean } = {}): void {
  const hash = formatRoute(route);
  if (options.replace === true) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

export function href(route: Route): string {
  return formatRoute(route);
}
