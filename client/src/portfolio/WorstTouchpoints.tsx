import { useState } from 'react';
import { WORST_END } from '../../../shared/model/portfolio.js';
import { METRIC_KEYS, type MetricKey } from '../../../shared/model/schema.js';
import type { PortfolioView } from '../../../shared/protocol/portfolio.js';
import { METRIC_LABEL, formatMetric } from '../board/core/visuals.js';
import { cardPath, navigate } from '../router.js';
import { deltaLabel } from './portfolioRows.js';

const WORST_WORDS: Record<'low' | 'high', string> = { low: 'lowest first', high: 'highest first' };

/** The worst touchpoints across the maps, one metric at a time; a click lands on the card. */
export function WorstTouchpoints({ view }: { view: PortfolioView }) {
  const withData = METRIC_KEYS.filter((k) => view.worst[k].length > 0);
  const [picked, setPicked] = useState<MetricKey>(withData[0] ?? 'csat');
  const metric = withData.includes(picked) ? picked : (withData[0] ?? 'csat');
  const ranked = view.worst[metric];
  return (
    <section className="portfolio-section" aria-labelledby="worst-heading">
      <div className="portfolio-section-head">
        <h2 id="worst-heading">Worst touchpoints</h2>
        <div className="portfolio-metrics" role="group" aria-label="Rank by">
          {METRIC_KEYS.map((key) => (
            <button
              key={key}
              type="button"
              className="btn btn-ghost"
              aria-pressed={key === metric}
              disabled={view.worst[key].length === 0}
              onClick={() => setPicked(key)}
              data-testid={`worst-by-${key}`}
            >
              {METRIC_LABEL[key]}
            </button>
          ))}
        </div>
      </div>
      {ranked.length === 0 ? (
        <p className="portfolio-empty">
          No touchpoint carries a metric yet. Import survey results into a map, or send them through
          the metrics API, and they are ranked here.
        </p>
      ) : (
        <>
          <p className="portfolio-hint">
            {METRIC_LABEL[metric]}, {WORST_WORDS[WORST_END[metric]]}, across every map you can open.
          </p>
          <ol className="portfolio-worst" data-testid="worst-touchpoints">
            {ranked.map((t) => {
              const change = deltaLabel(metric, t.deltas?.[metric]);
              const n = t.n?.[metric];
              return (
                <li key={`${t.boardId}:${t.cardId}`}>
                  <a
                    href={cardPath(t.boardId, t.cardId)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(cardPath(t.boardId, t.cardId));
                    }}
                    data-testid="worst-touchpoint"
                  >
                    <span className="portfolio-value">{formatMetric(metric, t.value)}</span>
                    <span className="portfolio-text">{t.text || 'Untitled card'}</span>
                    <span className="portfolio-where">
                      {t.boardTitle} › {t.stageName || 'Stage'}
                      {change && (
                        <span
                          className={`portfolio-delta${change.worse ? ' worse' : ' better'}`}
                          title="Change since the previous period"
                        >
                          {' '}
                          · {change.text}
                        </span>
                      )}
                      {n !== undefined && <span className="portfolio-n"> · n={n}</span>}
                    </span>
                  </a>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

/** Stages taking a disproportionate share of their map's contact volume. */
export function HotStages({ view }: { view: PortfolioView }) {
  if (view.hotStages.length === 0) return null;
  return (
    <section className="portfolio-section" aria-labelledby="hot-heading">
      <h2 id="hot-heading">Stages with disproportionate volume</h2>
      <p className="portfolio-hint">
        A stage whose share of its map’s contact volume is more than 1.5 × an even share.
      </p>
      <ul className="portfolio-hot" data-testid="hot-stages">
        {view.hotStages.map((s) => (
          <li key={`${s.boardId}:${s.stageId}`}>
            <a
              href={`/b/${encodeURIComponent(s.boardId)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/b/${encodeURIComponent(s.boardId)}`);
              }}
            >
              <span className="portfolio-value">{Math.round(s.share * 100)}%</span>
              <span className="portfolio-text">{s.name}</span>
              <span className="portfolio-where">
                {s.boardTitle} · even share {Math.round(s.meanShare * 100)}%
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The handoffs that hurt most across the maps (W294): a click lands on the card after it. */
export function WorstHandoffs({ view }: { view: PortfolioView }) {
  if (view.handoffs.length === 0) return null;
  return (
    <section className="portfolio-section" aria-labelledby="handoffs-heading">
      <h2 id="handoffs-heading">Handoffs that hurt</h2>
      <p className="portfolio-hint">
        Consecutive touchpoints that change channel or owning team, scored by the emotion drop and
        the metric change across them.
      </p>
      <ol className="portfolio-handoffs" data-testid="portfolio-handoffs">
        {view.handoffs.map((h) => (
          <li key={`${h.boardId}:${h.cardId}`}>
            <a
              href={cardPath(h.boardId, h.cardId)}
              onClick={(e) => {
                e.preventDefault();
                navigate(cardPath(h.boardId, h.cardId));
              }}
            >
              <span className="portfolio-text">{h.label}</span>
              <span className="portfolio-where">{h.boardTitle}</span>
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
