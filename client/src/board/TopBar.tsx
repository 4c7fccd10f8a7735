import { useRef, type ReactNode } from 'react';
import type { BoardSnapshot } from '../../../shared/model/schema.js';
import type { Role } from '../../../shared/protocol/roles.js';
import { MAP_TYPE_LABELS } from '../ui/mapTypes.js';
import { navigate } from '../router.js';
import {
  BackIcon,
  FitIcon,
  HelpIcon,
  MoonIcon,
  RedoIcon,
  ShareIcon,
  SunIcon,
  UndoIcon,
} from '../ui/icons.js';
import { setTheme, storedTheme } from '../ui/theme.js';
import { useCanvasColors } from './canvas/theme.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import type { RightPanel } from './panels.js';
import type { SessionStatus } from './session.js';
import { TopBarMore } from './TopBarMore.js';
import {
  moreEntries,
  moreGroups,
  PANELS,
  PRIORITY,
  type PanelTool,
  type ToolActions,
  type ToolId,
} from './topBarTools.js';
import { useTopBarFit } from './useTopBarFit.js';

/** The pill next to the title for links that may not change the map. */
const ROLE_PILL: Partial<Record<Role, { label: string; hint: string }>> = {
  viewer: { label: 'View only', hint: 'Your link can look at this map and its comments' },
  commenter: { label: 'Can comment', hint: 'Your link can comment but not change the map' },
};

/** The tools' actions (shared with the "More" menu) and what only the bar itself shows. */
interface TopBarProps extends Omit<ToolActions, 'dark' | 'toggleTheme' | 'panelLabel'> {
  board: BoardSnapshot;
  /** What this page's link allows. */
  role: Role;
  onShare(): void;
  status: SessionStatus;
  /** The export menu (PNG, PDF, CSV, JSON). */
  exportMenu: ReactNode;
  /** Avatars of the people on the board, with follow and present controls. */
  people: ReactNode;
}

/**
 * The board's top bar. Tools that do not fit at the window's width wait in a "More" menu
 * (lowest priority first), so every control is reachable from 390 px up, and the title and
 * persona get the room they need before minor tools do (see `useTopBarFit`).
 */
export function TopBar(props: TopBarProps) {
  const { meta } = props.board;
  const pill = ROLE_PILL[props.role];
  // Links that may not change the map (they have the pill) have nothing to undo.
  const readOnly = pill !== undefined;
  const dark = useCanvasColors().dark;
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  const bar = useRef<HTMLElement>(null);
  const tools = (Object.keys(PRIORITY) as ToolId[])
    .filter((id) => !(id === 'history' && readOnly) && !(id === 'zoom' && props.view === 'table'))
    .map((id) => ({ id, priority: PRIORITY[id] }));
  const fit = useTopBarFit(bar, tools, `${meta.title}\n${meta.persona.name}\n${props.role}`);
  const hidden = (id: ToolId) => !fit.inBar(id);
  const toggleTheme = () => setTheme(storedTheme() === 'dark' ? 'light' : 'dark');
  const commentsLabel = `Comments${props.unreadComments ? `, ${props.unreadComments} unread` : ''}`;
  const panelLabel = (p: PanelTool) => (p.panel === 'comments' ? commentsLabel : p.label);

  const entries = moreEntries({ ...props, dark, toggleTheme, panelLabel });

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
      <div
        className="board-heading"
        data-fit-heading
        style={fit.heading > 0 ? { minWidth: fit.heading } : undefined}
      >
        <div className="board-title-row" data-fit-text>
          <h1 className="board-title" data-testid="board-title" data-fit-shrink title={meta.title}>
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
            </span>
          )}
          {meta.scenario && (
            <span className="muted board-scenario" data-fit-ignore title={meta.scenario}>
              {meta.scenario}
            </span>
          )}
        </div>
      </div>
      <div className="topbar-people" data-fit-fixed>
        {props.people}
      </div>
      <div className="topbar-connection" data-fit-fixed>
        <ConnectionBadge status={props.status} />
      </div>
      <button
        className="btn share-button"
        data-testid="share-button"
        title="Share links to this map"
        aria-label="Share"
        data-fit-fixed
        onClick={props.onShare}
      >
        <ShareIcon />
        <span className="share-label">Share</span>
      </button>
      {!readOnly && (
        <div
          className="topbar-group"
          role="group"
          aria-label="History"
          data-fit="history"
          hidden={hidden('history')}
        >
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
      {props.view === 'canvas' && (
        <div
          className="topbar-group"
          role="group"
          aria-label="Zoom"
          data-fit="zoom"
          hidden={hidden('zoom')}
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
      )}
      <button
        className="btn btn-ghost btn-icon"
        title="Light or dark theme"
        aria-label="Dark theme"
        aria-pressed={dark}
        data-fit="theme"
        hidden={hidden('theme')}
        onClick={toggleTheme}
      >
        {dark ? <SunIcon /> : <MoonIcon />}
      </button>
      <button
        className="btn btn-ghost btn-icon"
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
        data-fit="help"
        hidden={hidden('help')}
        onClick={props.onHelp}
      >
        <HelpIcon />
      </button>
      <div
        className="topbar-group"
        role="group"
        aria-label="View"
        data-fit="view"
        hidden={hidden('view')}
      >
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
      <div className="topbar-export" data-fit-fixed>
        {props.exportMenu}
      </div>
      {PANELS.map((p) => (
        <PanelToggle
          key={p.panel}
          panel={p.panel}
          label={panelLabel(p)}
          title={p.title}
          icon={p.icon}
          badge={p.panel === 'comments' ? props.unreadComments : undefined}
          testId={p.panel === 'details' ? null : undefined}
          hidden={hidden(p.tool)}
          fitId={p.tool}
          rightPanel={props.rightPanel}
          onRightPanel={props.onRightPanel}
        />
      ))}
      <TopBarMore groups={moreGroups(fit.inMore as ToolId[], entries)} />
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
