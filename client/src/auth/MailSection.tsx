/**
 * "E-mail notifications" on the account page (W174): for each group of inbox items, at once,
 * batched, a daily summary at 09:00 in the person's time zone, or never. Saved on change.
 */
import { useEffect, useState } from 'react';
import {
  MAIL_GROUP_LABELS,
  MAIL_GROUP_NAMES,
  MAIL_MODE_LABELS,
  MAIL_MODES,
  type MailGroup,
  type MailMode,
  type MailModes,
} from '../../../shared/protocol/inbox.js';
import { call } from '../api.js';
import { errorMessage } from '../ui/errors.js';
import { useToasts } from '../ui/toasts.js';
import { Section } from './AppFrame.js';

const PATH = '/api/me/mail-preferences';

interface MailPreferences {
  modes: MailModes;
  timeZone: string | null;
  mailing: boolean;
}

export function MailSection() {
  const toasts = useToasts();
  const [prefs, setPrefs] = useState<MailPreferences | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState<MailGroup | null>(null);

  useEffect(() => {
    call<MailPreferences>(PATH).then(setPrefs, (err: unknown) => setProblem(errorMessage(err)));
  }, []);

  // Scrolled to when an e-mail's "notification settings" link opens this page.
  useEffect(() => {
    if (prefs && location.hash === '#notifications')
      document.getElementById('notifications')?.scrollIntoView();
  }, [prefs]);

  const choose = async (group: MailGroup, mode: MailMode) => {
    if (!prefs) return;
    const before = prefs;
    setPrefs({ ...prefs, modes: { ...prefs.modes, [group]: mode } });
    setSaving(group);
    setProblem(null);
    try {
      setPrefs(
        await call<MailPreferences>(PATH, {
          method: 'PUT',
          body: JSON.stringify({ modes: { [group]: mode } }),
        }),
      );
      toasts.show('E-mail settings saved', 'success');
    } catch (err) {
      setPrefs(before);
      setProblem(`Not saved: ${errorMessage(err)}`);
    } finally {
      setSaving(null);
    }
  };

  return (
    <Section
      title="E-mail notifications"
      description={
        <>
          Your inbox always has every item; these settings decide what also reaches you by e-mail.
          You are never mailed about something you already saw in the app. Daily summaries arrive at
          09:00 in your time zone ({prefs?.timeZone ?? 'UTC until set below'}).
        </>
      }
      testId="mail-section"
    >
      <span id="notifications" />
      {prefs && !prefs.mailing && (
        <p className="account-note" data-testid="mail-off">
          This server sends no e-mail (an administrator has not set up a mail server), so these
          settings take effect once it does.
        </p>
      )}
      {problem && (
        <p className="home-form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="mail-modes">
        {MAIL_GROUP_NAMES.map((group) => (
          <label key={group} className="mail-mode">
            <span>{MAIL_GROUP_LABELS[group]}</span>
            <select
              value={prefs?.modes[group] ?? 'digest'}
              disabled={!prefs || saving === group}
              onChange={(e) => void choose(group, e.target.value as MailMode)}
              data-testid={`mail-mode-${group}`}
            >
              {MAIL_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {MAIL_MODE_LABELS[mode]}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </Section>
  );
}
