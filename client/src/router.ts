import { useEffect, useState } from 'react';

export type Route = { page: 'boards' } | { page: 'board'; boardId: string } | { page: 'not-found' };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'boards' };
  const match = /^\/b\/([A-Za-z0-9_-]{8,64})\/?$/.exec(pathname);
  return match ? { page: 'board', boardId: match[1]! } : { page: 'not-found' };
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}
