/**
 * The top bar's optional tools: how long each stays in the bar as it narrows, and what each
 * becomes in the "More" menu when it does not fit.
 */
import type { ReactNode } from 'react';
import {
  ActivityIcon,
  BellIcon,
  CommentIcon,
  FitIcon,
  HelpIcon,
  HistoryIcon,
  InsightsIcon,
  MoonIcon,
  PanelIcon,
  RedoIcon,
  SunIcon,
  UndoIcon,
} from '../../ui/icons.js';
import type { BoardFollow } from '../../inbox/FollowButtons.js';
import type { BoardView, RightPanel } from '../core/panels.js';
import type { MoreEntry } from './TopBarMore.js';

/** Higher stays in the bar longer. */
export const PRIORITY = {
  history: 10,
  comments: 9,
  details: 8,
  insights: 7,
  versions: 6,
  follow: 5.5,
  activity: 5,
  zoom: 4,
  view: 3,
  help: 2,
  theme: 1,
} as const;
export type ToolId = keyof typeof PRIORITY;

export interface PanelTool {
  panel: RightPanel;
  tool: ToolId;
  label: string;
  title: string;
  icon: ReactNode;
}

/** The right-hand panels' toggles, in the bar's order. */
export const PANELS: readonly PanelTool[] = [
  {
    panel: 'versions',
    tool: 'versions',
    label: 'Versions',
    title: 'Versions and review cycles',
    icon: <HistoryIcon />,
  },
  {
    panel: 'activity',
    tool: 'activity',
    label: 'Activity',
    title: 'Activity: who changed what',
    icon: <ActivityIcon />,
  },
  {
    panel: 'insights',
    tool: 'insights',
    label: 'Insights',
    title: 'Insights: hotspots, pain points, opportunities',
    icon: <InsightsIcon />,
  },
  {
    panel: 'comments',
    tool: 'comments',
    label: 'Comments',
    title: 'Comments',
    icon: <CommentIcon />,
  },
  {
    panel: 'details',
    tool: 'details',
    label: 'Details panel',
    title: 'Details panel',
    icon: <PanelIcon />,
  },
];

/** Menu sections: tools of one kind share a section. */
const SECTION: Record<ToolId, string> = {
  history: 'edit',
  comments: 'panels',
  details: 'panels',
  insights: 'panels',
  versions: 'panels',
  activity: 'panels',
  follow: 'board',
  zoom: 'zoom',
  view: 'view',
  help: 'app',
  theme: 'app',
};

/** What the menu's entries show and do (the top bar's own props and state). */
export interface ToolActions {
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  zoom: number;
  onZoomIn(): void;
  onZoomOut(): void;
  onZoomFit(): void;
  onZoomReset(): void;
  view: BoardView;
  onView(view: BoardView): void;
  onHelp(): void;
  dark: boolean;
  toggleTheme(): void;
  rightPanel: RightPanel | null;
  onRightPanel(panel: RightPanel): void;
  unreadComments: number;
  panelLabel(p: PanelTool): string;
  /** Following the board (W186); null when nobody is signed in. */
  follow: BoardFollow | null;
}

/** Each tool as "More" menu entries, with the same names and states as in the bar. */
export function moreEntries(props: ToolActions): Record<ToolId, MoreEntry[]> {
  const entries: Record<ToolId, MoreEntry[]> = {
    history: [
      {
        id: 'undo',
        label: 'Undo',
        icon: <UndoIcon />,
        disabled: !props.canUndo,
        run: props.onUndo,
      },
      {
        id: 'redo',
        label: 'Redo',
        icon: <RedoIcon />,
        disabled: !props.canRedo,
        run: props.onRedo,
      },
    ],
    zoom: [
      { id: 'zoom-out', label: 'Zoom out', icon: '−', run: props.onZoomOut },
      { id: 'zoom-in', label: 'Zoom in', icon: '+', run: props.onZoomIn },
      { id: 'zoom-fit', label: 'Zoom to fit', icon: <FitIcon />, run: props.onZoomFit },
      {
        id: 'zoom-reset',
        label: `Zoom to 100% (now ${Math.round(props.zoom * 100)}%)`,
        run: props.onZoomReset,
      },
    ],
    view: [
      {
        id: 'view-canvas',
        label: 'Canvas',
        kind: 'radio',
        checked: props.view === 'canvas',
        run: () => props.onView('canvas'),
      },
      {
        id: 'view-table',
        label: 'Table',
        kind: 'radio',
        checked: props.view === 'table',
        run: () => props.onView('table'),
      },
    ],
    help: [{ id: 'help', label: 'Keyboard shortcuts', icon: <HelpIcon />, run: props.onHelp }],
    theme: [
      {
        id: 'theme',
        label: 'Dark theme',
        icon: props.dark ? <SunIcon /> : <MoonIcon />,
        kind: 'check',
        checked: props.dark,
        run: props.toggleTheme,
      },
    ],
    follow: props.follow
      ? [
          {
            id: 'follow-board',
            label: props.follow.following ? 'Following board' : 'Follow board',
            icon: <BellIcon />,
            kind: 'check',
            checked: props.follow.following,
            run: props.follow.toggle,
          },
        ]
      : [],
    versions: [],
    activity: [],
    insights: [],
    comments: [],
    details: [],
  };
  for (const p of PANELS) {
    entries[p.tool] = [
      {
        id: p.panel,
        label: props.panelLabel(p),
        icon: p.icon,
        kind: 'check',
        checked: props.rightPanel === p.panel,
        badge: p.panel === 'comments' ? props.unreadComments : undefined,
        run: () => props.onRightPanel(p.panel),
      },
    ];
  }
  return entries;
}

/** The menu's sections for the tools in it (most important first), one list per section. */
export function moreGroups(
  inMore: readonly ToolId[],
  entries: Record<ToolId, MoreEntry[]>,
): MoreEntry[][] {
  const sections = new Map<string, MoreEntry[]>();
  for (const id of inMore) {
    const key = SECTION[id];
    sections.set(key, [...(sections.get(key) ?? []), ...entries[id]]);
  }
  return [...sections.values()];
}
