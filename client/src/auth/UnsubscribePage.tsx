/**
 * An e-mail's unsubscribe link (`/unsubscribe#token=<signed token>`, W177): one button stops
 * every notification e-mail, no sign-in needed. The token goes in the request body, never a URL.
 */

import { useState } from 'react';
import { call } from '../api.js';
import { AppLink, AuthCard, AuthNotice } from './AuthCard.js';
import { errorMessage } from '../ui/errors.js';

type State =
  { step: 'ask' } | { step: 'busy' } | { step: 'done' } | { step: 'failed'; why: string };

export function UnsubscribePage({ token, signedIn }: { token: string | null; signedIn: boolean }) {
  const [state, setState] = useState<State>({ step: 'ask' });

  if (!token)
    return (
      <AuthNotice
        title="This unsubscribe link is incomplete"
        documentTitle="Unsubscribe"
        testId="unsubscribe-incomplete"
      >
        <p>
          Open the whole link from the e-mail, or change your e-mail settings on your account page.
        </p>
      </AuthNotice>
    );

  const unsubscribe = async () => {
    setState({ step: 'busy' });
    try {
      await call('/api/mail/unsubscribe', { method: 'POST', body: JSON.stringify({ token }) });
      setState({ step: 'done' });
    } catch (err) {
      setState({ step: 'failed', why: errorMessage(err) });
    }
  };

  const settings = signedIn ? (
    <AppLink to="/account#notifications">your e-mail settings</AppLink>
  ) : (
    'your account page'
  );

  if (state.step === 'done')
    return (
      <AuthNotice
        title="You are unsubscribed"
        documentTitle="Unsubscribe"
        testId="unsubscribe-done"
      >
        <p>
          journeyboard will send you no more notification e-mails. Your inbox in the app keeps every
          item. To get some e-mails again, choose which in {settings}.
        </p>
      </AuthNotice>
    );

  return (
    <AuthCard
      title="Stop notification e-mails?"
      documentTitle="Unsubscribe"
      testId="unsubscribe-page"
      intro={
        <p>
          You will get no more e-mails about mentions, replies, reviews or being added somewhere.
          Password resets and invitations are still sent when you ask for them.
        </p>
      }
    >
      {state.step === 'failed' && (
        <p className="home-form-error" role="alert" data-testid="unsubscribe-error">
          {state.why}
        </p>
      )}
      <button
        type="button"
        className="btn btn-primary auth-submit"
        onClick={() => void unsubscribe()}
        disabled={state.step === 'busy'}
        data-testid="unsubscribe-confirm"
      >
        {state.step === 'busy' ? 'Unsubscribing…' : 'Unsubscribe'}
      </button>
    </AuthCard>
  );
}
