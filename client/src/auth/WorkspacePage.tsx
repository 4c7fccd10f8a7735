/**
 * `/workspace` (admins): members, invitations, settings and the audit log of one workspace, the
 * current one (the boards page's switcher) when its admin.
 */

import { useId, useState } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { AppFrame, Section } from './AppFrame.js';
import type { AuthConfig, Me } from './authApi.js';
import { AppLink } from './AuthCard.js';
import { AuditSection } from './AuditSection.js';
import { adminWorkspaces } from './AuthProvider.js';
import { useCurrentWorkspace } from './currentWorkspace.js';
import { InvitationsSection } from './InvitationsSection.js';
import { MembersSection } from './MembersSection.js';
import { SettingsSection } from './SettingsSection.js';

export function WorkspacePage({ config, me }: { config: AuthConfig; me: Me }) {
  const administered = adminWorkspaces(me);
  const { current, switchTo } = useCurrentWorkspace();
  // The workspace the boards page is in, when its admin; picking another here switches there too.
  const [chosenId, setChosenId] = useState(
    administered.find((w) => w.id === current?.id)?.id ?? administered[0]?.id ?? null,
  );
  const pickerId = useId();
  const workspace = administered.find((w) => w.id === chosenId) ?? administered[0];

  if (!workspace)
    return (
      <AppFrame title="Workspace" testId="workspace-page">
        <Section title="Only admins manage the workspace" testId="workspace-not-admin">
          <p>
            Ask one of your workspace’s admins to invite people or change roles.{' '}
            <AppLink to={HOME_PATH}>Back to your journey maps</AppLink>
          </p>
        </Section>
      </AppFrame>
    );

  return (
    <AppFrame title={workspace.name} subtitle="Workspace" testId="workspace-page">
      {administered.length > 1 && (
        <div className="field account-workspace-picker">
          <label htmlFor={pickerId}>Workspace</label>
          <select
            id={pickerId}
            className="select"
            value={workspace.id}
            onChange={(e) => {
              setChosenId(e.target.value);
              switchTo(e.target.value);
            }}
          >
            {administered.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {/* Keyed by workspace: switching starts every section afresh. */}
      <div key={workspace.id} className="account-sections">
        <MembersSection workspaceId={workspace.id} selfId={me.id} canReset={config.localSignIn} />
        <InvitationsSection workspaceId={workspace.id} />
        <SettingsSection workspaceId={workspace.id} />
        <AuditSection workspaceId={workspace.id} />
      </div>
    </AppFrame>
  );
}
