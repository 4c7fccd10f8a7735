/** The frame of the signed-in account pages: the boards page's top bar and a page heading. */

import type { ReactNode } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { BackIcon, LogoMark } from '../ui/icons.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { AppLink } from './AuthCard.js';
import { UserMenu } from './UserMenu.js';
import { InboxBell } from '../inbox/InboxBell.js';
import '../boards/boards.css';
import './account.css';

interface AppFrameProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  testId?: string;
  /** Tables that need the width (the portfolio): the page is not held to a column. */
  wide?: boolean;
}

export function AppFrame({ title, subtitle, children, testId, wide }: AppFrameProps) {
  useDocumentTitle(`${title} · journeyboard`);
  return (
    <div className="home">
      <header className="home-topbar">
        <div className="home-topbar-inner">
          <AppLink to={HOME_PATH} className="home-brand">
            <LogoMark />
            <span className="home-brand-name">journeyboard</span>
          </AppLink>
          <div className="home-topbar-actions">
            <AppLink to={HOME_PATH} className="btn btn-ghost">
              <BackIcon />
              <span className="home-label-narrow">Journey maps</span>
            </AppLink>
            <InboxBell />
            <UserMenu />
          </div>
        </div>
      </header>
      <main
        className={`home-main account-main${wide ? ' account-main-wide' : ''}`}
        data-testid={testId}
      >
        <div className="account-heading">
          <h1 className="home-heading">{title}</h1>
          {subtitle && <p className="home-subheading">{subtitle}</p>}
        </div>
        {children}
      </main>
    </div>
  );
}

/** One part of an account page: a titled card. */
export function Section({
  title,
  description,
  children,
  testId,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  testId?: string;
  /** Beside the title (e.g. a "Sign out everywhere" button). */
  actions?: ReactNode;
}) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="account-section" aria-labelledby={id} data-testid={testId}>
      <header className="account-section-header">
        <div>
          <h2 id={id} className="account-section-title">
            {title}
          </h2>
          {description && <p className="account-section-description">{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}
