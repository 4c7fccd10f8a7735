/** The panels that can sit on the right of the board, one at a time. */
export type RightPanel = 'details' | 'comments' | 'versions' | 'activity' | 'insights';

/** The two ways to look at a board: the Konva canvas, or the accessible table of the same map. */
export type BoardView = 'canvas' | 'table';

/** The view asked for in the address (`/b/<id>?view=table`), canvas by default. */
export function viewFromLocation(search: string = location.search): BoardView {
  return new URLSearchParams(search).get('view') === 'table' ? 'table' : 'canvas';
}

/** Puts the view into the address without a reload, keeping the fragment (the token). */
export function writeViewToLocation(view: BoardView): void {
  const url = new URL(location.href);
  if (view === 'table') url.searchParams.set('view', 'table');
  else url.searchParams.delete('view');
  history.replaceState(history.state, '', url);
}
