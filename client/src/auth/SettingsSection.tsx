/** The workspace's switches (admins): open sign-up, and whether share links work as guest links. */

import { useId, useState } from 'react';
import { errorMessage } from '../ui/errors.js';
import { Spinner } from '../ui/icons.js';
import { useToasts } from '../ui/toasts.js';
import { Section } from './AppFrame.js';
import { authApi, type WorkspaceSettings } from './authApi.js';
import { LoadNotice, useLoaded } from './useLoaded.js';

type Toggle = 'openSignup' | 'guestLinks';

const TOGGLES: { key: Toggle; label: string; on: string; off: string }[] = [
  {
    key: 'openSignup',
    label: 'Anyone may sign up',
    on: 'Anyone who reaches this server can create an account and join as a member.',
    off: 'People join by invitation link (or single sign-on) only.',
  },
  {
    key: 'guestLinks',
    label: 'Share links work as guest links',
    on: 'People outside the workspace can open a map with its share link, shown as “Guest”.',
    off: 'Share links are refused: only members open the workspace’s maps.',
  },
];

export function SettingsSection({ workspaceId }: { workspaceId: string }) {
  const toasts = useToasts();
  const { loaded, set } = useLoaded(workspaceId, () => authApi.workspace(workspaceId));
  const [saving, setSaving] = useState<Toggle | null>(null);

  /** Shown switched at once; switched back if the server refuses. */
  const change = async (settings: WorkspaceSettings, key: Toggle, value: boolean) => {
    setSaving(key);
    set({ ...settings, [key]: value });
    try {
      await authApi.updateWorkspace(workspaceId, { [key]: value });
    } catch (err) {
      set(settings);
      toasts.show(`Could not change the setting: ${errorMessage(err)}`, 'error');
    } finally {
      setSaving(null);
    }
  };

  return (
    <Section title="Settings" testId="settings-section">
      <LoadNotice loaded={loaded} what="the settings" />
      {loaded.state === 'ready' &&
        TOGGLES.map((toggle) => (
          <SettingSwitch
            key={toggle.key}
            label={toggle.label}
            explanation={loaded.value[toggle.key] ? toggle.on : toggle.off}
            checked={loaded.value[toggle.key]}
            busy={saving === toggle.key}
            testId={`setting-${toggle.key}`}
            onChange={(value) => void change(loaded.value, toggle.key, value)}
          />
        ))}
    </Section>
  );
}

function SettingSwitch(props: {
  label: string;
  explanation: string;
  checked: boolean;
  busy: boolean;
  testId: string;
  onChange(value: boolean): void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="account-switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.busy}
        aria-describedby={hintId}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className="account-switch-text">
        <label htmlFor={id} className="account-switch-label">
          {props.label}
          {props.busy && <Spinner />}
        </label>
        <span id={hintId} className="home-field-hint">
          {props.explanation}
        </span>
      </span>
    </div>
  );
}
