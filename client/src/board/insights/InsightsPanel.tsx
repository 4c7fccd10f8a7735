import { useMemo } from 'react';
import { computeInsights } from '../../../../shared/model/insights.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { PanelShell } from '../../ui/PanelShell.js';
import type { BoardSession } from '../core/session.js';
import {
  Empty,
  HotspotList,
  OpportunityList,
  PainPointList,
  Section,
  StageTable,
} from './InsightSections.js';
import './insights.css';
import { StaleList } from './StaleList.js';
import { ExpectationGapSection, HandoffSection } from './HandoffSections.js';
import { PersonaEmotions } from '../personas/PersonaEmotions.js';
import { useStaleAge, useStaleness } from './staleAge.js';

interface InsightsPanelProps {
  session: BoardSession;
  board: BoardSnapshot;
  canEdit: boolean;
  onImportSurvey(): void;
  onFocusItem(id: string): void;
  onClose(): void;
}

/**
 * Per-stage averages, hotspots, ranked pain points, opportunities and stale evidence, computed
 * live from the board snapshot (the same rules as the server, `shared/model/insights.ts`).
 */
export function InsightsPanel(props: InsightsPanelProps) {
  const { board, onFocusItem } = props;
  const insights = useMemo(() => computeInsights(board), [board]);
  const [staleAge, setStaleAge] = useStaleAge(props.session.boardId);
  const staleness = useStaleness(board, staleAge);
  const hot = useMemo(() => new Set(insights.hotspots.map((h) => h.stageId)), [insights]);
  const stageNames = useMemo(() => new Map(board.stages.map((s) => [s.id, s.name])), [board]);
  const stageName = (id: string) => stageNames.get(id) || 'Untitled stage';
  const hasCsatOrVolume = insights.stages.some((s) => s.csat || s.volume !== undefined);

  return (
    <PanelShell
      title="Insights"
      testId="insights-panel"
      className="insights-panel"
      onClose={props.onClose}
      closeLabel="Close insights panel"
      bodyClassName="insights-body"
    >
      {props.canEdit ? (
        <button
          type="button"
          className="btn insights-import"
          data-testid="insights-import-survey"
          onClick={props.onImportSurvey}
        >
          Import survey CSV…
        </button>
      ) : (
        <p className="panel-hint">Editors can import survey data to refresh the metrics.</p>
      )}

      <Section title="Per stage" testId="insights-stages">
        {insights.stages.length === 0 ? (
          <Empty>Add stages to the map to see averages of emotion and metrics per stage.</Empty>
        ) : (
          <StageTable stages={insights.stages} hot={hot} onFocus={onFocusItem} />
        )}
      </Section>

      <PersonaEmotions board={board} onFocus={onFocusItem} />

      <Section title="Hotspots" count={insights.hotspots.length} testId="insights-hotspots">
        {insights.hotspots.length > 0 ? (
          <HotspotList hotspots={insights.hotspots} onFocus={onFocusItem} />
        ) : hasCsatOrVolume ? (
          <Empty>
            No hotspots: contact volume is spread evenly and CSAT is at least 70% in every stage.
          </Empty>
        ) : (
          <Empty>
            Add CSAT or contact volume to touchpoint or metrics cards, or import survey data, to see
            hotspots.
          </Empty>
        )}
      </Section>

      <Section
        title="Pain points by impact"
        count={insights.painPoints.length}
        testId="insights-pain-points"
      >
        {insights.painPoints.length > 0 ? (
          <PainPointList
            painPoints={insights.painPoints}
            stageName={stageName}
            onFocus={onFocusItem}
          />
        ) : (
          <Empty>
            No pain points yet. Add cards to a Pain points lane: they are ranked by contact volume ×
            how negative the moment feels.
          </Empty>
        )}
      </Section>

      <Section
        title="Opportunities"
        count={insights.opportunities.length}
        testId="insights-opportunities"
      >
        {insights.opportunities.length === 0 && insights.gaps.length === 0 ? (
          <Empty>
            No opportunities yet. Add cards to an Opportunities lane to plan fixes for the top pain
            points.
          </Empty>
        ) : (
          <OpportunityList
            opportunities={insights.opportunities}
            gaps={insights.gaps}
            stageName={stageName}
            onFocus={onFocusItem}
          />
        )}
      </Section>

      <HandoffSection handoffs={insights.handoffs} onFocus={onFocusItem} />

      <ExpectationGapSection gaps={insights.expectationGaps} onFocus={onFocusItem} />

      <StaleList
        board={board}
        staleness={staleness}
        maxAgeDays={staleAge}
        onMaxAgeDays={setStaleAge}
        onFocus={onFocusItem}
      />
    </PanelShell>
  );
}
