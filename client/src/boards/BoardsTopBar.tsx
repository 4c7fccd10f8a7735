import { OpenModeBanner, useAuth, UserMenu, WorkspaceSwitcher } from '../auth/index.js';
import { InboxBell } from '../inbox/InboxBell.js';
import { navigate } from '../router.js';
import {
  InsightsIcon,
  LinkIcon,
  LogoMark,
  MoonIcon,
  PlusIcon,
  Spinner,
  SunIcon,
  UploadIcon,
} from '../ui/icons.js';
import type { Theme } from '../ui/theme.js';

interface BoardsTopBarProps {
  theme: Theme;
  onToggleTheme(): void;
  onOpenLink(): void;
  importing: boolean;
  onImport(): void;
  onNew(): void;
}

/**
 * The boards page's top bar: the brand (home), the workspace switcher (signed in), theme, open a link, import JSON, new map, and
 * the signed-in person's menu; in open mode, a banner under it says who may create maps.
 */
export function BoardsTopBar(props: BoardsTopBarProps) {
  const { theme, importing } = props;
  const { me } = useAuth();
  return (
    <>
      <header className="home-topbar">
        <div className="home-topbar-inner">
          <a
            className="home-brand"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            <LogoMark />
            <span className="home-brand-name">journeyboard</span>
          </a>
          <WorkspaceSwitcher />
          <div className="home-topbar-actions">
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              onClick={props.onToggleTheme}
              aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
              title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
              data-testid="theme-toggle"
            >
              {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
            </button>
            {me && (
              <a
                className="btn home-portfolio-link"
                href="/portfolio"
                onClick={(e) => {
                  e.preventDefault();
                  navigate('/portfolio');
                }}
                data-testid="open-portfolio"
                title="Every map of the workspace: reviews, worst touchpoints, hot stages"
              >
                <InsightsIcon />
                <span>Portfolio</span>
              </a>
            )}
            <button
              type="button"
              className="btn"
              onClick={props.onOpenLink}
              data-testid="open-link"
              title="Open a board someone shared with you"
            >
              <LinkIcon />
              <span className="home-label-narrow">Open a share link</span>
            </button>
            <button
              type="button"
              className="btn"
              onClick={props.onImport}
              disabled={importing}
              aria-busy={importing || undefined}
              data-testid="import-board"
            >
              {importing ? <Spinner /> : <UploadIcon />}
              <span className="home-label-narrow">{importing ? 'Importing…' : 'Import JSON'}</span>
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={props.onNew}
              data-testid="new-board"
              title="New journey map (N)"
            >
              <PlusIcon />
              <span>
                New<span className="home-label-narrow"> journey map</span>
              </span>
            </button>
            <InboxBell />
            <UserMenu />
          </div>
        </div>
      </header>
      <OpenModeBanner />
    </>
  );
}
