import type * as Y from 'yjs';
import { setMapType, setScenario, setTitle, TITLE_MAX } from '../../../../shared/model/board.js';
import { MAP_TYPES, type BoardSnapshot, type MapType } from '../../../../shared/model/schema.js';
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
