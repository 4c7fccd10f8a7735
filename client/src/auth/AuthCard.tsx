/** The frame of the pages before the app (sign in, set up, sign up, reset): one centred card. */

import type { ReactNode } from 'react';
import { navigate } from '../router.js';
import { LogoMark } from '../ui/icons.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import './auth.css';

interface AuthCardProps {
  title: ReactNode;
  /** The tab's title, e.g. "Sign in". */
  documentTitle: string;
  intro?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function AuthCard({ title, documentTitle, intro, children, testId }: AuthCardProps) {
  useDocumentTitle(`${documentTitle} · journeyboard`);
  return (
    <div className="auth-page">
      <header className="auth-page-brand">
        <LogoMark />
        <span>journeyboard</span>
      </header>
      <main className="auth-card" data-testid={testId}>
        <h1 className="auth-title">{title}</h1>
        {intro && <div className="auth-intro">{intro}</div>}
        {children}
      </main>
    </div>
  );
}

/** An in-app link (a real `<a>`, so it opens in a new tab too). */
export function AppLink({
  to,
  children,
  className,
  testId,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <a
      href={to}
      className={className ?? 'auth-link'}
      data-testid={testId}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A page that cannot be shown as asked: the reason and a way on. */
export function AuthNotice({
  title,
  documentTitle,
  children,
  testId,
}: {
  title: string;
  documentTitle: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <AuthCard title={title} documentTitle={documentTitle} testId={testId}>
      <div className="auth-notice">{children}</div>
    </AuthCard>
  );
}
