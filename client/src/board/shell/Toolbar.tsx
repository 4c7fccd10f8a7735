import { LANE_KINDS } from '../../../../shared/model/schema.js';
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
} from '../../ui/icons.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { CANVAS_OVERLAY } from '../core/overlays.js';
import type { Tool } from '../core/tools.js';
import { useAddActions } from '../core/useAddActions.js';
import { LANE_STYLE } from '../core/visuals.js';

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

/** The floating tool palette on the left of the canvas: the link's tools, then the add buttons. */
export function Toolbar() {
  const { session, board, layout, abilities } = useOpenBoard();
  const readOnly = !abilities.edit;
  const { dispatch } = useEditorStore();
  const current = useEditor((s) => s.tool);
  const laneMenuOpen = useEditor((s) => s.laneMenuOpen);
  const { onAddCard, onAddStage, onAddLane } = useAddActions({
    doc: session.doc,
    board,
    layout,
    readOnly,
  });
  return (
    <nav className="toolbar" aria-label="Tools" {...CANVAS_OVERLAY}>
      {TOOLS.filter(({ tool }) => abilities.tools.includes(tool)).map(
        ({ tool, icon, label, key }) => (
          <button
            key={tool}
            className="btn btn-ghost btn-icon tool"
            aria-pressed={current === tool}
            title={`${label} (${key})`}
            aria-label={label}
            data-testid={`tool-${tool}`}
            onClick={() => dispatch({ type: 'setTool', tool })}
          >
            {icon}
          </button>
        ),
      )}
      {!readOnly && (
        <>
          <hr />
          <button
            className="btn btn-ghost btn-icon tool"
            title="New card in the selected cell (C)"
            aria-label="New card"
            data-testid="add-card"
            onClick={onAddCard}
          >
            <CardIcon {...ICON} />
          </button>
          <button
            className="btn btn-ghost btn-icon tool"
            title="Add stage (column)"
            aria-label="Add stage"
            data-testid="add-stage"
            onClick={onAddStage}
          >
            <ColumnsIcon {...ICON} />
          </button>
          <div className="toolbar-menu-anchor">
            <button
              className="btn btn-ghost btn-icon tool"
              title="Add lane (row)"
              aria-label="Add lane"
              aria-haspopup="menu"
              aria-expanded={laneMenuOpen}
              data-testid="add-lane"
              onClick={() => dispatch({ type: 'setLaneMenu', open: !laneMenuOpen })}
            >
              <RowsIcon {...ICON} />
            </button>
            {laneMenuOpen && (
              <div className="menu" role="menu" aria-label="Lane kind">
                {LANE_KINDS.map((kind) => (
                  <button
                    key={kind}
                    role="menuitem"
                    className="menu-item"
                    data-testid={`add-lane-${kind}`}
                    onClick={() => onAddLane(kind)}
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
