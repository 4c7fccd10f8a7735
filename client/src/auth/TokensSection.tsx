/**
 * Personal access tokens: for scripts and y-websocket clients. Listed by name and dates; a new
 * token is shown once, with how to use it; revoking asks first.
 */

import { useRef, useState, type FormEvent } from 'react';
import { CopyField } from '../ui/CopyField.js';
import { absoluteTime, shortDate } from '../ui/time.js';
import { useToasts } from '../ui/toasts.js';
import { Section } from './AppFrame.js';
import { authApi, type AccessToken } from './authApi.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import {
  errorFor,
  FormAlert,
  SelectField,
  SubmitButton,
  TextField,
  useFormSubmit,
} from './forms.js';
import { TOKEN_EXPIRIES, websocketExample } from './messages.js';
import { LoadNotice, useLoaded } from './useLoaded.js';
import { checkTokenName, TOKEN_NAME_MAX } from './validation.js';

const EXPIRY_OPTIONS = TOKEN_EXPIRIES.map((option) => ({
  value: option.days === null ? 'never' : String(option.days),
  label: option.label,
}));

export function TokensSection() {
  const { loaded, reload } = useLoaded('tokens', authApi.tokens);
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<AccessToken | null>(null);
  const toasts = useToasts();

  return (
    <Section
      title="Personal access tokens"
      description="For scripts and y-websocket clients: a token acts as you, over the REST API (Authorization: Bearer) and the sync socket."
      testId="tokens-section"
    >
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          void reload();
        }}
      />
      <LoadNotice loaded={loaded} what="your tokens" />
      {loaded.state === 'ready' && <TokenList tokens={loaded.value} onRevoke={setRevoking} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          description="Scripts and clients using it stop working at once. This cannot be undone."
          confirmLabel="Revoke token"
          action={() => authApi.revokeToken(revoking.id)}
          onClose={() => setRevoking(null)}
          onDone={() => {
            toasts.show(`Revoked “${revoking.name}”`, 'success');
            setRevoking(null);
            void reload();
          }}
        />
      )}
    </Section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated(token: string): void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState<string>('90');
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await submit(
      form.current,
      () => checkTokenName(name),
      () =>
        authApi.createToken({
          name: name.trim(),
          expiresInDays: days === 'never' ? null : Number(days),
        }),
    );
    if (!created) return;
    setName('');
    onCreated(created.value.token);
  };

  return (
    <form ref={form} className="account-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <TextField
        label="Token name"
        name="name"
        autoComplete="off"
        value={name}
        onChange={setName}
        maxLength={TOKEN_NAME_MAX}
        hint="What it is for, e.g. “Nightly export”."
        error={errorFor(problem, 'name')}
        testId="token-name"
      />
      <SelectField
        label="Expires after"
        name="expiresInDays"
        value={days}
        options={EXPIRY_OPTIONS}
        onChange={setDays}
        testId="token-expiry"
      />
      <SubmitButton busy={busy} busyLabel="Creating…" testId="token-create">
        Create token
      </SubmitButton>
      <FormAlert problem={problem} fields={['name']} />
    </form>
  );
}

function NewToken({ token, onDone }: { token: string; onDone(): void }) {
  return (
    <div className="account-new-secret" role="status" data-testid="new-token">
      <p>
        <strong>Copy your new token now.</strong> It is shown only this once; if you lose it, revoke
        it and create another.
      </p>
      <CopyField
        label="New token"
        value={token}
        copiedMessage="Token copied"
        testId="new-token-value"
      />
      <p className="muted">Use it from a y-websocket client:</p>
      <pre className="account-code">
        <code>{websocketExample(location.origin, token)}</code>
      </pre>
      <div>
        <button type="button" className="btn" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function TokenList({
  tokens,
  onRevoke,
}: {
  tokens: AccessToken[];
  onRevoke(token: AccessToken): void;
}) {
  if (tokens.length === 0) return <p className="muted">You have no tokens yet.</p>;
  const when = (iso: string | null, none: string) =>
    iso ? (
      <time dateTime={iso} title={absoluteTime(iso)}>
        {shortDate(iso)}
      </time>
    ) : (
      none
    );
  return (
    <table className="account-table" data-testid="token-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} data-testid="token-row">
            <th scope="row" data-label="Name">
              {token.name}
              {token.revoked && <span className="account-badge">Revoked</span>}
            </th>
            <td data-label="Created">{when(token.createdAt, '—')}</td>
            <td data-label="Expires">{when(token.expiresAt, 'Never')}</td>
            <td data-label="Last used">{when(token.lastUsedAt, 'Never')}</td>
            <td className="account-table-actions">
              {!token.revoked && (
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => onRevoke(token)}
                  aria-label={`Revoke ${token.name}`}
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
