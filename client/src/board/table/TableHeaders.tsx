import type { Lane, Stage } from '../../../../shared/model/schema.js';
import { LANE_STYLE } from '../core/visuals.js';
import { InlineEditor } from './InlineEditor.js';
import { plural } from '../../../../shared/model/plural.js';
import { LinkChip } from '../links/LinkField.js';

interface HeaderProps {
  /** The grid's tab stop is on this header. */
  tabStop: boolean;
  editing: boolean;
  selected: boolean;
  onRename(name: string, byKey: boolean): void;
  onCancel(): void;
}

/** A stage name heading its column; F2 or Enter renames it for those who may edit. */
export function StageHeader(props: HeaderProps & { stage: Stage; col: number; cardCount: number }) {
  const { stage } = props;
  return (
    <th
      scope="col"
      className={`table-stage${props.selected ? ' is-selected' : ''}`}
      tabIndex={props.tabStop ? 0 : -1}
      data-pos={`-1:${props.col}:-1`}
      data-testid="table-stage"
    >
      {props.editing ? (
        <InlineEditor
          initial={stage.name}
          label="Stage name"
          multiline={false}
          onCommit={props.onRename}
          onCancel={props.onCancel}
        />
      ) : (
        <>
          <span className="table-stage-name">{stage.name || 'Untitled stage'}</span>
          <span className="table-count">{plural(props.cardCount, 'card')}</span>
          {stage.link && (
            // Enter on the chip opens the map; the grid's own keys stay on the header.
            <span onKeyDown={(e) => e.stopPropagation()}>
              <LinkChip target={stage.link} testId="table-link-chip" tabStop={props.tabStop} />
            </span>
          )}
        </>
      )}
    </th>
  );
}

/** A lane's name and kind heading its row. */
export function LaneHeader(props: HeaderProps & { lane: Lane; row: number }) {
  const { lane } = props;
  const style = LANE_STYLE[lane.kind];
  return (
    <th
      scope="row"
      className={`table-lane${props.selected ? ' is-selected' : ''}`}
      tabIndex={props.tabStop ? 0 : -1}
      data-pos={`${props.row}:-1:-1`}
      data-testid="table-lane"
      data-kind={lane.kind}
    >
      {props.editing ? (
        <InlineEditor
          initial={lane.name}
          label="Lane name"
          multiline={false}
          onCommit={props.onRename}
          onCancel={props.onCancel}
        />
      ) : (
        <>
          <span className="table-lane-name">
            <span aria-hidden="true">{style.icon}</span> {lane.name || 'Untitled lane'}
          </span>
          {/* The kind is said even when the name repeats it, but shown only when it adds something. */}
          <span className={style.label === lane.name ? 'sr-only' : 'table-lane-kind'}>
            {style.label === lane.name ? `(${style.label} lane)` : style.label}
          </span>
        </>
      )}
    </th>
  );
}
