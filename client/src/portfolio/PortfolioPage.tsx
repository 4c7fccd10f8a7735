/**
 * `/portfolio`: every map of the current workspace with its review standing, the worst
 * touchpoints across maps and the stages with disproportionate volume (W292–W295).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PortfolioMap, PortfolioView } from '../../../shared/protocol/portfolio.js';
import { AppFrame, useCurrentWorkspace } from '../auth/index.js';
import { downloadBlob, exportFileName } from '../board/export/download.js';
import { errorMessage } from '../ui/errors.js';
import { DownloadIcon, Spinner } from '../ui/icons.js';
import { MapsTable } from './MapsTable.js';
import { portfolioApi } from './portfolioApi.js';
import { mapsCsv } from './portfolioRows.js';
import { HotStages, WorstHandoffs, WorstTouchpoints } from './WorstTouchpoints.js';
import './portfolio.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; view: PortfolioView };

export function PortfolioPage() {
  const { current } = useCurrentWorkspace();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const shown = useRef<PortfolioMap[]>([]);
  const workspaceId = current?.id ?? null;

  const load = useCallback(() => {
    if (!workspaceId) return;
    portfolioApi.get(workspaceId).then(
      (view) => setLoaded({ state: 'ready', view }),
      (err: unknown) => setLoaded({ state: 'failed', message: errorMessage(err) }),
    );
  }, [workspaceId]);
  useEffect(() => {
    setLoaded({ state: 'loading' });
    load();
    // Figures move as people edit: fresh whenever the reader comes back to the tab.
    const onFocus = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onFocus);
    return () => document.removeEventListener('visibilitychange', onFocus);
  }, [load]);
  const onShown = useCallback((rows: PortfolioMap[]) => {
    shown.current = rows;
  }, []);
  const exportCsv = () => {
    const csv = mapsCsv(shown.current, location.origin);
    downloadBlob(
      new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      exportFileName(`${current?.name ?? 'workspace'} portfolio`, 'csv'),
    );
  };

  return (
    <AppFrame
      title="Portfolio"
      subtitle={current ? `Every journey map of ${current.name} you can open` : undefined}
      testId="portfolio-page"
      wide
    >
      {!workspaceId && <p>You are not in a workspace yet.</p>}
      {workspaceId && loaded.state === 'loading' && (
        <p className="portfolio-loading" role="status">
          <Spinner /> Gathering the maps…
        </p>
      )}
      {loaded.state === 'failed' && (
        <div role="alert" className="portfolio-error">
          <p>The portfolio could not be loaded: {loaded.message}</p>
          <button type="button" className="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {loaded.state === 'ready' && (
        <>
          <div className="portfolio-actions">
            <button type="button" className="btn" onClick={load}>
              Refresh
            </button>
            <button type="button" className="btn" onClick={exportCsv} data-testid="portfolio-csv">
              <DownloadIcon /> Export CSV
            </button>
          </div>
          <WorstTouchpoints view={loaded.view} />
          <HotStages view={loaded.view} />
          <WorstHandoffs view={loaded.view} />
          <MapsTable maps={loaded.view.maps} now={Date.now()} onShown={onShown} />
        </>
      )}
    </AppFrame>
  );
}
