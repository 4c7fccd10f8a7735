import type * as Y from 'yjs';
import {
  deleteLane,
  deleteStage,
  renameLane,
  renameStage,
  setLaneKind,
  setStageWidth,
} from '../../../../shared/model/axes.js';
import {
  LANE_KINDS,
  STAGE_WIDTH_MAX,
  STAGE_WIDTH_MIN,
  type Lane,
  type LaneKind,
  type Stage,
} from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { GRID } from '../core/layout.js';
import { LANE_STYLE } from '../core/visuals.js';
import { ConfirmDelete, DraftField } from './fields.js';
import { plural, pluralWord } from '../../../../shared/model/plural.js';
import { parseStageWidth } from './helpers.js';
import { setStageLink } from '../../../../shared/model/links.js';
import { useOpenBoard } from '../core/openBoard.js';
import { LinkField } from '../links/LinkField.js';

const nameError = (raw: string, what: string) =>
  raw.trim() ? null : `${what} name must not be empty`;

function deleteQuestion(what: string, cardCount: number) {
  return cardCount === 0
    ? `Delete this ${what}? It has no cards.`
    : `Delete ${what} and its ${plural(cardCount, 'card')}?`;
}

export function StagePanel(props: { doc: Y.Doc; stage: Stage; cardCount: number }) {
  const { doc, stage, cardCount } = props;
  const { attempt } = useToasts();
  const { boardId } = useOpenBoard().session;
  return (
    <>
      <DraftField
        label="Name"
        testId="panel-stage-name"
        value={stage.name}
        onCommit={(raw) => {
          const problem = nameError(raw, 'Stage');
          if (!problem) attempt(() => renameStage(doc, stage.id, raw));
          return problem;
        }}
      />
      <div className="panel-row panel-row-end">
        <DraftField
          className="panel-grow"
          label="Width (px)"
          type="number"
          step={10}
          min={STAGE_WIDTH_MIN}
          max={STAGE_WIDTH_MAX}
          testId="panel-stage-width"
          placeholder={String(GRID.colW)}
          value={stage.width === undefined ? '' : String(stage.width)}
          editHint={`${STAGE_WIDTH_MIN}–${STAGE_WIDTH_MAX}; empty for the default (${GRID.colW})`}
          onCommit={(raw, badInput) => {
            const parsed = parseStageWidth(raw, badInput);
            if (!parsed.ok) return parsed.error;
            if (parsed.value !== stage.width)
              attempt(() => setStageWidth(doc, stage.id, parsed.value));
            return null;
          }}
        />
        <button
          type="button"
          className="btn panel-align-input panel-edit-only"
          disabled={stage.width === undefined}
          onClick={() => attempt(() => setStageWidth(doc, stage.id, undefined))}
        >
          Reset
        </button>
      </div>
      <LinkField
        boardId={boardId}
        link={stage.link}
        onChange={(link) => setStageLink(doc, stage.id, link)}
      />
      <p className="panel-stat">
        <strong>{cardCount}</strong> {pluralWord(cardCount, 'card')} in this stage
      </p>
      <div className="panel-actions panel-edit-only">
        <ConfirmDelete
          label="Delete stage"
          testId="panel-delete"
          question={deleteQuestion('stage', cardCount)}
          onConfirm={() => attempt(() => deleteStage(doc, stage.id))}
        />
      </div>
    </>
  );
}

export function LanePanel(props: { doc: Y.Doc; lane: Lane; cardCount: number }) {
  const { doc, lane, cardCount } = props;
  const { attempt } = useToasts();
  return (
    <>
      <DraftField
        label="Name"
        testId="panel-lane-name"
        value={lane.name}
        onCommit={(raw) => {
          const problem = nameError(raw, 'Lane');
          if (!problem) attempt(() => renameLane(doc, lane.id, raw));
          return problem;
        }}
      />
      <label className="field panel-field">
        <span className="panel-label">Kind</span>
        <select
          className="select"
          data-testid="panel-lane-kind"
          value={lane.kind}
          onChange={(e) =>
            attempt(() => setLaneKind(doc, lane.id, e.currentTarget.value as LaneKind))
          }
        >
          {LANE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {LANE_STYLE[kind].icon} {LANE_STYLE[kind].label}
            </option>
          ))}
        </select>
      </label>
      <p className="panel-stat">
        <strong>{cardCount}</strong> {pluralWord(cardCount, 'card')} in this lane
      </p>
      <div className="panel-actions panel-edit-only">
        <ConfirmDelete
          label="Delete lane"
          testId="panel-delete"
          question={deleteQuestion('lane', cardCount)}
          onConfirm={() => attempt(() => deleteLane(doc, lane.id))}
        />
      </div>
    </>
  );
}
