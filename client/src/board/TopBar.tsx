import type { ReactNode } from 'react';
import type { BoardSnapshot } from '../../../shared/model/schema.js';
import type { Role } from '../../../shared/protocol/roles.js';
import { MAP_TYPE_LABELS } from '../boards/boardList.js';
import { navigate } from '../router.js';
import {
  ActivityIcon,
  BackIcon,
  CommentIcon,
  FitIcon,
  HelpIcon,
  HistoryIcon,
  InsightsIcon,
  MoonIcon,
  PanelIcon,
  RedoIcon,
  ShareIcon,
  SunIcon,
  UndoIcon,
} from '../ui/icons.js';
import { setTheme, storedTheme } from '../ui/theme.js';
import { useCanvasColors } from './canvas/theme.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import type { BoardView, RightPanel } from './panels.js';
import type { SessionStatus } from './session.js';

/** The pill next to the title for links that may not change the map. */
const ROLE_PILL: Partial<Record<Role, { label: string; hint: string }>> = {
  viewer: { label: 'View only', hint: 'Your link can look at this map and its comments' },
  commenter: { label: 'Can comment', hint: 'Your link can comment but not change the map' },
};

interface TopBarProps {
  board: BoardSnapshot;
  /** What this page's link allows. */
  role: Role;
  onShare(): void;
  status: SessionStatus;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  zoom: number;
  onZoomIn(): void;
  onZoomOut(): void;
  onZoomFit(): void;
  onZoomReset(): void;
  rightPanel: RightPanel | null;
  onRightPanel(panel: RightPanel): void;
  view: BoardView;
  onView(view: BoardView): void;
  /** The export menu (PNG, PDF, CSV, JSON). */
  exportMenu: ReactNode;
  unreadComments: number;
  onHelp(): void;
  /** Avatars of the people on the board, with follow and present controls. */
  people: ReactNode;
}

export function TopBar(props: TopBarProps) {
  const { meta } = props.board;
  const pill = ROLE_PILL[props.role];
  // Links that may not change the map (they have the pill) have nothing to undo.
  const readOnly = pill !== undefined;
  const dark = useCanvasColors().dark;
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  const panels = { rightPanel: props.rightPanel, onRightPanel: props.onRightPanel };
  return (
    <header className="board-topbar">
      <button
        className="btn btn-ghost btn-icon"
        title="All boards"
        aria-label="All boards"
        onClick={() => navigate('/')}
      >
        <BackIcon />
      </button>
      <div className="board-heading">
        <div className="board-title-row">
          <h1 className="board-title" data-testid="board-title" title={meta.title}>
            {meta.title || 'Untitled map'}
          </h1>
          {pill && (
            <span
              className="role-pill"
              data-testid="role-pill"
              data-role={props.role}
              title={pill.hint}
            >
              {pill.label}
            </span>
          )}
        </div>
        <div className="board-subtitle">
          <span className={`pill pill-${meta.mapType}`}>{MAP_TYPE_LABELS[meta.mapType]}</span>
          {meta.persona.name && (
            <span title={meta.persona.description}>👤 {meta.persona.name}</span>
          )}
          {meta.scenario && (
            <span className="muted board-scenario" title={meta.scenario}>
              {meta.scenario}
            </span>
          )}
        </div>
      </div>
      {props.people}
      <ConnectionBadge status={props.status} />
      <button
        className="btn share-button"
        data-testid="share-button"
        title="Share links to this map"
        onClick={props.onShare}
      >
        <ShareIcon />
        Share
      </button>
      {!readOnly && (
        <div className="topbar-group" role="group" aria-label="History">
          <button
            className="btn btn-ghost btn-icon"
            title={`Undo (${mod}Z)`}
            aria-label="Undo"
            data-testid="undo"
            disabled={!props.canUndo}
            onClick={props.onUndo}
          >
            <UndoIcon />
          </button>
          <button
            className="btn btn-ghost btn-icon"
            title={`Redo (${mod}Shift+Z)`}
            aria-label="Redo"
            data-testid="redo"
            disabled={!props.canRedo}
            onClick={props.onRedo}
          >
            <RedoIcon />
          </button>
        </div>
      )}
      {/* Zoom is the canvas's; the table view has nothing to zoom. */}
      <div
        className="topbar-group"
        role="group"
        aria-label="Zoom"
        style={props.view === 'table' ? { display: 'none' } : undefined}
      >
        <button
          className="btn btn-ghost btn-icon"
          title="Zoom out (−)"
          aria-label="Zoom out"
          onClick={props.onZoomOut}
        >
          −
        </button>
        <button
          className="btn btn-ghost zoom-level"
          title="Reset to 100% (0)"
          data-testid="zoom-level"
          onClick={props.onZoomReset}
        >
          {Math.round(props.zoom * 100)}%
        </button>
        <button
          className="btn btn-ghost btn-icon"
          title="Zoom in (+)"
          aria-label="Zoom in"
          onClick={props.onZoomIn}
        >
          +
        </button>
        <button
          className="btn btn-ghost btn-icon"
          title="Zoom to fit (Shift+1)"
          aria-label="Zoom to fit"
          onClick={props.onZoomFit}
        >
          <FitIcon />
        </button>
      </div>
      <button
        className="btn btn-ghost btn-icon"
        title="Light or dark theme"
        aria-label="Toggle dark theme"
        onClick={() => setTheme(storedTheme() === 'dark' ? 'light' : 'dark')}
      >
        {dark ? <SunIcon /> : <MoonIcon />}
      </button>
      <button
        className="btn btn-ghost btn-icon"
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
        onClick={props.onHelp}
      >
        <HelpIcon />
      </button>
      <div className="topbar-group" role="group" aria-label="View">
        <button
          className="btn btn-ghost"
          title="Canvas view (Alt+1)"
          aria-pressed={props.view === 'canvas'}
          data-testid="view-canvas"
          onClick={() => props.onView('canvas')}
        >
          Canvas
        </button>
        <button
          className="btn btn-ghost"
          title="Table view: the same map as an accessible table (Alt+2)"
          aria-pressed={props.view === 'table'}
          data-testid="view-table"
          onClick={() => props.onView('table')}
        >
          Table
        </button>
      </div>
      {props.exportMenu}
      <PanelToggle
        panel="versions"
        label="Versions"
        title="Versions and review cycles"
        icon={<HistoryIcon />}
        {...panels}
      />
      <PanelToggle
        panel="activity"
        label="Activity"
        title="Activity: who changed what"
        icon={<ActivityIcon />}
        {...panels}
      />
      <PanelToggle
        panel="insights"
        label="Insights"
        title="Insights: hotspots, pain points, opportunities"
        icon={<InsightsIcon />}
        {...panels}
      />
      <PanelToggle
        panel="comments"
        label={`Comments${props.unreadComments ? `, ${props.unreadComments} unread` : ''}`}
        title="Comments"
        icon={<CommentIcon />}
        badge={props.unreadComments}
        {...panels}
      />
      <PanelToggle
        panel="details"
        label="Details panel"
        title="Details panel"
        icon={<PanelIcon />}
        testId={null}
        {...panels}
      />
    </header>
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
      onClick={() => props.onRightPanel(props.panel)}
    >
      {props.icon}
      {props.badge ? <span className="badge-count">{props.badge}</span> : null}
    </button>
  );
}
