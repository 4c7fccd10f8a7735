import { useId } from 'react';
import type * as Y from 'yjs';
import {
  setCesMethod,
  setMapType,
  setScenario,
  setTitle,
  TITLE_MAX,
} from '../../../../shared/model/board.js';
import {
  CES_METHODS,
  MAP_TYPES,
  METRIC_KEYS,
  type BoardSnapshot,
  type CesMethod,
  type MapType,
} from '../../../../shared/model/schema.js';
import { CES_FORMULA, METRIC_FORMULA } from '../metrics/trends.js';
import { MAP_TYPE_LABELS } from '../../ui/mapTypes.js';
import { useToasts } from '../../ui/toasts.js';
import { DraftField, PanelSection } from './fields.js';
import { boardSummary } from './helpers.js';
import { PersonasSection } from '../personas/PersonasSection.js';
import '../personas/personas.css';
import { useOpenBoard } from '../core/openBoard.js';
import { UsedInSection } from '../links/Breadcrumbs.js';

export function BoardPanel(props: { doc: Y.Doc; board: BoardSnapshot }) {
  const { doc, board } = props;
  const { meta } = board;
  const { attempt } = useToasts();
  const { boardId } = useOpenBoard().session;
  const summary = boardSummary(board);

  return (
    <>
      <DraftField
        label="Title"
        testId="panel-board-title"
        value={meta.title}
        maxLength={TITLE_MAX}
        onCommit={(raw) => {
          if (!raw.trim()) return 'Title must not be empty';
          attempt(() => setTitle(doc, raw));
          return null;
        }}
      />
      <label className="field panel-field">
        <span className="panel-label">Map type</span>
        <select
          className="select"
          data-testid="panel-map-type"
          value={meta.mapType}
          onChange={(e) => attempt(() => setMapType(doc, e.currentTarget.value as MapType))}
        >
          {MAP_TYPES.map((type) => (
            <option key={type} value={type}>
              {MAP_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>

      <CesMethodField doc={doc} method={meta.cesMethod ?? 'mean'} />

      <PersonasSection doc={doc} meta={meta} />

      <DraftField
        label="Scenario"
        multiline
        rows={4}
        testId="panel-scenario"
        placeholder="The situation and goal this journey covers"
        value={meta.scenario}
        onCommit={(raw) => {
          attempt(() => setScenario(doc, raw));
          return null;
        }}
      />

      <UsedInSection boardId={boardId} />

      <PanelSection title="Summary">
        <dl className="panel-summary" data-testid="panel-summary">
          <div>
            <dt>Stages</dt>
            <dd>{summary.stages}</dd>
          </div>
          <div>
            <dt>Lanes</dt>
            <dd>{summary.lanes}</dd>
          </div>
          <div>
            <dt>Cards</dt>
            <dd>{summary.cards}</dd>
          </div>
          <div>
            <dt>Shapes</dt>
            <dd>{summary.shapes}</dd>
          </div>
        </dl>
      </PanelSection>
    </>
  );
}

const CES_METHOD_LABEL: Record<CesMethod, string> = {
  mean: 'Mean (1–7)',
  top2box: 'Top-2-box (% of 6–7)',
};

/**
 * W246: how the board computes CES, with every metric's formula (tools differ, so the map says
 * which it uses). Switching changes what cards show and what imports compute from now on; the
 * points already written keep their method (W247).
 */
function CesMethodField(props: { doc: Y.Doc; method: CesMethod }) {
  const { attempt } = useToasts();
  const hintId = useId();
  return (
    <>
      <label className="field panel-field">
        <span className="panel-label">CES method</span>
        <select
          className="select"
          data-testid="panel-ces-method"
          aria-describedby={hintId}
          value={props.method}
          onChange={(e) =>
            attempt(() => setCesMethod(props.doc, e.currentTarget.value as CesMethod))
          }
        >
          {CES_METHODS.map((method) => (
            <option key={method} value={method}>
              {CES_METHOD_LABEL[method]}
            </option>
          ))}
        </select>
        <span className="panel-hint" id={hintId} data-testid="panel-ces-method-hint">
          {CES_FORMULA[props.method]} Points keep the method they were computed with.
        </span>
      </label>
      <details className="panel-hint" data-testid="panel-metric-formulas">
        <summary>How the metrics are computed</summary>
        <ul>
          {METRIC_KEYS.map((key) =>
            key === 'ces' ? (
              <li key={key}>
                {CES_FORMULA.mean} {CES_FORMULA.top2box}
              </li>
            ) : (
              <li key={key}>{METRIC_FORMULA[key]}</li>
            ),
          )}
        </ul>
      </details>
    </>
  );
}
