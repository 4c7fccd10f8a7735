import type { LaneKind } from '../../../shared/model/schema.js';
import { LANE_KINDS } from '../../../shared/model/schema.js';
import type { ReactNode } from 'react';
import {
  ArrowIcon,
  CommentIcon,
  CardIcon,
  ColumnsIcon,
  CursorIcon,
  HandIcon,
  NoteIcon,
  RectIcon,
  RowsIcon,
  TextIcon,
} from '../ui/icons.js';
import { CANVAS_OVERLAY } from './overlays.js';
import type { Tool } from './tools.js';
import { LANE_STYLE } from './visuals.js';

const ICON = { width: 18, height: 18 };
const TOOLS: { tool: Tool; icon: ReactNode; label: string; key: string }[] = [
  { tool: 'select', icon: <CursorIcon {...ICON} />, label: 'Select', key: 'V' },
  { tool: 'hand', icon: <HandIcon {...ICON} />, label: 'Pan', key: 'H' },
  { tool: 'note', icon: <NoteIcon {...ICON} />, label: 'Sticky note', key: 'N' },
  { tool: 'text', icon: <TextIcon {...ICON} />, label: 'Text', key: 'T' },
  { tool: 'rect', icon: <RectIcon {...ICON} />, label: 'Rectangle', key: 'R' },
  {
    tool: 'arrow',
    icon: <ArrowIcon {...ICON} />,
    label: 'Arrow (drag from a card to another)',
    key: 'A',
  },
  {
    tool: 'comment',
    icon: <CommentIcon {...ICON} />,
    label: 'Comment (click what it is about)',
    key: 'M',
  },
];

interface ToolbarProps {
  /** The tools this link has; a link that may not edit gets no add buttons either. */
  tools: readonly Tool[];
  readOnly: boolean;
  tool: Tool;
  setTool(tool: Tool): void;
  onAddCard(): void;
  onAddStage(): void;
  laneMenuOpen: boolean;
  setLaneMenuOpen(open: boolean): void;
  onAddLane(kind: LaneKind): void;
}

/** The floating tool palette on the left of the canvas. */
export function Toolbar(props: ToolbarProps) {
  return (
    <nav className="toolbar" aria-label="Tools" {...CANVAS_OVERLAY}>
      {TOOLS.filter(({ tool }) => props.tools.includes(tool)).map(({ tool, icon, label, key }) => (
        <button
          key={tool}
          className="btn btn-ghost btn-icon tool"
          aria-pressed={props.tool === tool}
          title={`${label} (${key})`}
          aria-label={label}
          data-testid={`tool-${tool}`}
          onClick={() => props.setTool(tool)}
        >
          {icon}
        </button>
      ))}
      {!props.readOnly && (
        <>
          <hr />
          <button
            className="btn btn-ghost btn-icon tool"
            title="New card in the selected cell (C)"
            aria-label="New card"
            data-testid="add-card"
            onClick={props.onAddCard}
          >
            <CardIcon {...ICON} />
          </button>
          <button
            className="btn btn-ghost btn-icon tool"
            title="Add stage (column)"
            aria-label="Add stage"
            data-testid="add-stage"
            onClick={props.onAddStage}
          >
            <ColumnsIcon {...ICON} />
          </button>
          <div className="toolbar-menu-anchor">
            <button
              className="btn btn-ghost btn-icon tool"
              title="Add lane (row)"
              aria-label="Add lane"
              aria-haspopup="menu"
              aria-expanded={props.laneMenuOpen}
              data-testid="add-lane"
              onClick={() => props.setLaneMenuOpen(!props.laneMenuOpen)}
            >
              <RowsIcon {...ICON} />
            </button>
            {props.laneMenuOpen && (
              <div className="menu" role="menu" aria-label="Lane kind">
                {LANE_KINDS.map((kind) => (
                  <button
                    key={kind}
                    role="menuitem"
                    className="menu-item"
                    data-testid={`add-lane-${kind}`}
                    onClick={() => props.onAddLane(kind)}
                  >
                    <span aria-hidden="true">{LANE_STYLE[kind].icon}</span> {LANE_STYLE[kind].label}
                  </button>
                ))}
              </div>
            )}
          </div>
        </>
      )}
    </nav>
  );
}
