/**
 * The person's time zone (W171): set from the browser when a board first opens, edited here.
 * Overdue review reminders wait for the morning in it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../api.js';
import { useToasts } from '../ui/toasts.js';
import { Section } from './AppFrame.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';

const PATH = '/api/me/time-zone';

function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function TimeZoneSection() {
  const toasts = useToasts();
  const [zone, setZone] = useState('');
  const [loaded, setLoaded] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  useEffect(() => {
    call<{ timeZone: string | null }>(PATH).then(
      ({ timeZone }) => {
        setZone(timeZone ?? browserZone());
        setLoaded(true);
      },
      () => {
        setZone(browserZone());
        setLoaded(true);
      },
    );
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit(
      form.current,
      () =>
        zone.trim()
          ? null
          : { error: 'Name a time zone, such as Europe/Berlin', field: 'timeZone' },
      () => call(PATH, { method: 'PUT', body: JSON.stringify({ timeZone: zone.trim() }) }),
    );
    if (saved) toasts.show('Time zone saved', 'success');
  };

  return (
    <Section
      title="Time zone"
      description="Review reminders arrive in your morning. Your browser says which zone you are in; change it here if that is wrong."
      testId="time-zone-section"
    >
      <form ref={form} className="account-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          label="Time zone (IANA, e.g. America/Chicago)"
          name="timeZone"
          autoComplete="off"
          value={zone}
          onChange={setZone}
          maxLength={64}
          readOnly={!loaded}
          error={errorFor(problem, 'timeZone')}
          testId="account-time-zone"
        />
        <FormAlert problem={problem} fields={['timeZone']} />
        <div className="account-form-actions">
          <button type="button" className="btn" onClick={() => setZone(browserZone())}>
            Use this browser’s ({browserZone()})
          </button>
          <SubmitButton busy={busy} busyLabel="Saving…" testId="account-time-zone-save">
            Save time zone
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}
