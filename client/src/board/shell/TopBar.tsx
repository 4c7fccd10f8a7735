import { useRef, type ReactNode } from 'react';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { Role } from '../../../../shared/protocol/roles.js';
import { MAP_TYPE_LABELS } from '../../ui/mapTypes.js';
import { navigate } from '../../router.js';
import {
  BackIcon,
  FitIcon,
  HelpIcon,
  MoonIcon,
  RedoIcon,
  ShareIcon,
  SunIcon,
  UndoIcon,
} from '../../ui/icons.js';
import { setTheme, storedTheme } from '../../ui/theme.js';
import { useCanvasColors } from '../canvas/theme.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { useUndoState } from '../core/hooks.js';
import type { RightPanel } from '../core/panels.js';
import type { SessionStatus } from '../core/session.js';
import { InboxBell } from '../../inbox/InboxBell.js';
import { FollowBoardButton, useBoardFollow } from '../../inbox/FollowButtons.js';
import { RequestReviewButton } from '../reviews/index.js';
import { VoteButton } from '../votes/index.js';
import { TopBarMore } from './TopBarMore.js';
import { WorkshopControls } from '../workshop/index.js';
import {
  moreEntries,
  moreGroups,
  PANELS,
  PRIORITY,
  type ToolActions,
  type ToolId,
} from './topBarTools.js';
import { useTopBarFit } from './useTopBarFit.js';
import { useViewportCommands } from '../core/useViewportControls.js';
import { Breadcrumbs } from '../links/Breadcrumbs.js';

/** The pill next to the title for links that may not change the map. */
const ROLE_PILL: Partial<Record<Role, { label: string; hint: string }>> = {
  viewer: { label: 'View only', hint: 'Your link can look at this map and its comments' },
  commenter: { label: 'Can comment', hint: 'Your link can comment but not change the map' },
};

interface TopBarProps {
  status: SessionStatus;
  /** Comment threads with something I have not read. */
  unreadComments: number;
  /** The export menu (PNG, PDF, PowerPoint, CSV, JSON). */
  exportMenu: ReactNode;
  /** Avatars of the people on the board, with follow and present controls. */
  people: ReactNode;
}

/** What the bar's tools show and do; the "More" menu offers the same when they do not fit. */
function useToolActions(unreadComments: number): ToolActions {
  const { session } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const { canUndo, canRedo } = useUndoState(session.undo);
  const { zoomBy, zoomToFit, zoomReset } = useViewportCommands();
  const commentsLabel = `Comments${unreadComments ? `, ${unreadComments} unread` : ''}`;
  const follow = useBoardFollow(session.boardId);
  return {
    follow,
    canUndo,
    canRedo,
    onUndo: () => session.undo.undo(),
    onRedo: () => session.undo.redo(),
    zoom: useEditor((s) => s.viewport.zoom),
    onZoomIn: () => zoomBy(1),
    onZoomOut: () => zoomBy(-1),
    onZoomFit: zoomToFit,
    onZoomReset: zoomReset,
    view: useEditor((s) => s.view),
    onView: (view) => dispatch({ type: 'setView', view }),
    onHelp: () => dispatch({ type: 'openDialog', dialog: 'shortcuts' }),
    dark: useCanvasColors().dark,
    toggleTheme: () => setTheme(storedTheme() === 'dark' ? 'light' : 'dark'),
    rightPanel: useEditor((s) => s.panel),
    onRightPanel: (panel) => dispatch({ type: 'togglePanel', panel }),
    unreadComments,
    panelLabel: (p) => (p.panel === 'comments' ? commentsLabel : p.label),
  };
}

/**
 * The board's top bar. Tools that do not fit at the window's width wait in a "More" menu
 * (lowest priority first), so every control is reachable from 390 px up, and the title and
 * persona get the room they need before minor tools do (see `useTopBarFit`).
 */
export function TopBar(props: TopBarProps) {
  const { board, role } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const { meta } = board;
  const actions = useToolActions(props.unreadComments);
  // Links that may not change the map (they have the pill) have nothing to undo.
  const readOnly = ROLE_PILL[role] !== undefined;
  const bar = useRef<HTMLElement>(null);
  const tools = (Object.keys(PRIORITY) as ToolId[])
    .filter((id) => !(id === 'history' && readOnly) && !(id === 'zoom' && actions.view === 'table'))
    .filter((id) => id !== 'follow' || actions.follow !== null)
    .map((id) => ({ id, priority: PRIORITY[id] }));
  const fit = useTopBarFit(bar, tools, `${meta.title}\n${meta.persona.name}\n${role}`);
  const hidden = (id: ToolId) => !fit.inBar(id);
  const entries = moreEntries(actions);

  return (
    <header ref={bar} className="board-topbar">
      <button
        className="btn btn-ghost btn-icon"
        title="All boards"
        aria-label="All boards"
        data-fit-fixed
        data-fit-first-row
        onClick={() => navigate('/')}
      >
        <BackIcon />
      </button>
      <TopBarHeading board={board} role={role} minWidth={fit.heading} />
      <div className="topbar-people" data-fit-fixed>
        {props.people}
      </div>
      <div className="topbar-connection" data-fit-fixed>
        <ConnectionBadge status={props.status} />
      </div>
      <WorkshopControls />
      <button
        className="btn share-button"
        data-testid="share-button"
        title="Share links to this map"
        aria-label="Share"
        data-fit-fixed
        onClick={() => dispatch({ type: 'openDialog', dialog: 'share' })}
      >
        <ShareIcon />
        <span className="share-label">Share</span>
      </button>
      <RequestReviewButton />
      <VoteButton />
      {actions.follow && <FollowBoardButton follow={actions.follow} hidden={hidden('follow')} />}
      {!readOnly && <HistoryGroup actions={actions} hidden={hidden('history')} />}
      {/* Zoom is the canvas's; the table view has nothing to zoom. */}
      {actions.view === 'canvas' && <ZoomGroup actions={actions} hidden={hidden('zoom')} />}
      <button
        className="btn btn-ghost btn-icon"
        title="Light or dark theme"
        aria-label="Dark theme"
        aria-pressed={actions.dark}
        data-fit="theme"
        hidden={hidden('theme')}
        onClick={actions.toggleTheme}
      >
        {actions.dark ? <SunIcon /> : <MoonIcon />}
      </button>
      <button
        className="btn btn-ghost btn-icon"
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
        data-fit="help"
        hidden={hidden('help')}
        onClick={actions.onHelp}
      >
        <HelpIcon />
      </button>
      <ViewGroup actions={actions} hidden={hidden('view')} />
      <div className="topbar-export" data-fit-fixed>
        {props.exportMenu}
      </div>
      {PANELS.map((p) => (
        <PanelToggle
          key={p.panel}
          panel={p.panel}
          label={actions.panelLabel(p)}
          title={p.title}
          icon={p.icon}
          badge={p.panel === 'comments' ? props.unreadComments : undefined}
          testId={p.panel === 'details' ? null : undefined}
          hidden={hidden(p.tool)}
          fitId={p.tool}
          rightPanel={actions.rightPanel}
          onRightPanel={actions.onRightPanel}
        />
      ))}
      <TopBarMore groups={moreGroups(fit.inMore as ToolId[], entries)} />
      <InboxBell fitFixed />
    </header>
  );
}

/** The map's title (with the link's role pill), its type, persona and scenario. */
function TopBarHeading({
  board,
  role,
  minWidth,
}: {
  board: BoardSnapshot;
  role: Role;
  /** The room the title and persona need (0: no minimum). */
  minWidth: number;
}) {
  const { meta } = board;
  const pill = ROLE_PILL[role];
  const { boardId } = useOpenBoard().session;
  return (
    <div className="board-heading" data-fit-heading style={minWidth > 0 ? { minWidth } : undefined}>
      <Breadcrumbs boardId={boardId} title={meta.title || 'Untitled map'} />
      <div className="board-title-row" data-fit-text>
        <h1 className="board-title" data-testid="board-title" data-fit-shrink title={meta.title}>
          {meta.title || 'Untitled map'}
        </h1>
        {pill && (
          <span className="role-pill" data-testid="role-pill" data-role={role} title={pill.hint}>
            {pill.label}
          </span>
        )}
      </div>
      <div className="board-subtitle" data-fit-text>
        <span className={`pill pill-${meta.mapType}`}>{MAP_TYPE_LABELS[meta.mapType]}</span>
        {meta.persona.name && (
          <span
            className="board-persona"
            data-testid="board-persona"
            data-fit-shrink
            title={meta.persona.description}
          >
            👤 {meta.persona.name}
            {(meta.personas?.length ?? 0) > 1 && (
              <span className="muted"> +{meta.personas!.length - 1}</span>
            )}
          </span>
        )}
        {meta.scenario && (
          <span className="muted board-scenario" data-fit-ignore title={meta.scenario}>
            {meta.scenario}
          </span>
        )}
      </div>
    </div>
  );
}

function HistoryGroup({ actions, hidden }: { actions: ToolActions; hidden: boolean }) {
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  return (
    <div
      className="topbar-group"
      role="group"
      aria-label="History"
      data-fit="history"
      hidden={hidden}
    >
      <button
        className="btn btn-ghost btn-icon"
        title={`Undo (${mod}Z)`}
        aria-label="Undo"
        data-testid="undo"
        disabled={!actions.canUndo}
        onClick={actions.onUndo}
      >
        <UndoIcon />
      </button>
      <button
        className="btn btn-ghost btn-icon"
        title={`Redo (${mod}Shift+Z)`}
        aria-label="Redo"
        data-testid="redo"
        disabled={!actions.canRedo}
        onClick={actions.onRedo}
      >
        <RedoIcon />
      </button>
    </div>
  );
}

function ZoomGroup({ actions, hidden }: { actions: ToolActions; hidden: boolean }) {
  return (
    <div className="topbar-group" role="group" aria-label="Zoom" data-fit="zoom" hidden={hidden}>
      <button
        className="btn btn-ghost btn-icon"
        title="Zoom out (−)"
        aria-label="Zoom out"
        onClick={actions.onZoomOut}
      >
        −
      </button>
      <button
        className="btn btn-ghost zoom-level"
        title="Reset to 100% (0)"
        data-testid="zoom-level"
        onClick={actions.onZoomReset}
      >
        {Math.round(actions.zoom * 100)}%
      </button>
      <button
        className="btn btn-ghost btn-icon"
        title="Zoom in (+)"
        aria-label="Zoom in"
        onClick={actions.onZoomIn}
      >
        +
      </button>
      <button
        className="btn btn-ghost btn-icon"
        title="Zoom to fit (Shift+1)"
        aria-label="Zoom to fit"
        onClick={actions.onZoomFit}
      >
        <FitIcon />
      </button>
    </div>
  );
}

function ViewGroup({ actions, hidden }: { actions: ToolActions; hidden: boolean }) {
  return (
    <div className="topbar-group" role="group" aria-label="View" data-fit="view" hidden={hidden}>
      <button
        className="btn btn-ghost"
        title="Canvas view (Alt+1)"
        aria-pressed={actions.view === 'canvas'}
        data-testid="view-canvas"
        onClick={() => actions.onView('canvas')}
      >
        Canvas
      </button>
      <button
        className="btn btn-ghost"
        title="Table view: the same map as an accessible table (Alt+2)"
        aria-pressed={actions.view === 'table'}
        data-testid="view-table"
        onClick={() => actions.onView('table')}
      >
        Table
      </button>
    </div>
  );
}

/** A top-bar button that opens (or closes) one of the right-hand panels. */
function PanelToggle(props: {
  panel: RightPanel;
  label: string;
  title: string;
  icon: ReactNode;
  badge?: number;
  /** Defaults to `<panel>-toggle`; null for none. */
  testId?: string | null;
  /** In the "More" menu instead of the bar. */
  hidden: boolean;
  fitId: string;
  rightPanel: RightPanel | null;
  onRightPanel(panel: RightPanel): void;
}) {
  const testId = props.testId === undefined ? `${props.panel}-toggle` : props.testId;
  return (
    <button
      className="btn btn-ghost btn-icon"
      title={props.title}
      aria-label={props.label}
      aria-pressed={props.rightPanel === props.panel}
      data-testid={testId ?? undefined}
      data-fit={props.fitId}
      hidden={props.hidden}
      onClick={() => props.onRightPanel(props.panel)}
    >
      {props.icon}
      {props.badge ? <span className="badge-count">{props.badge}</span> : null}
    </button>
  );
}
