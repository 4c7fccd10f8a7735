import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../client/src/api.js';
import { oidcLoginHref, problemOf } from '../../../../client/src/auth/authApi.js';
import {
  auditDetail,
  auditLabel,
  initialsOf,
  invitationRefusal,
  roleWithArticle,
  websocketExample,
} from '../../../../client/src/auth/messages.js';

describe('problemOf', () => {
  it('keeps the server’s sentence and the field it names', () => {
    const err = new ApiError(409, 'An account with this e-mail exists.', {
      error: 'An account with this e-mail exists.',
      field: 'email',
    });
    expect(problemOf(err)).toEqual({
      status: 409,
      error: 'An account with this e-mail exists.',
      field: 'email',
    });
    expect(problemOf(new ApiError(401, 'Wrong e-mail or password.'))).toEqual({
      status: 401,
      error: 'Wrong e-mail or password.',
    });
    expect(problemOf(new ApiError(400, 'Bad.', { field: 42 }))).toEqual({
      status: 400,
      error: 'Bad.',
    });
    expect(problemOf(new Error('offline')).status).toBe(0);
  });
});

describe('account page words', () => {
  it('says why an invitation cannot be used, by status', () => {
    expect(invitationRefusal(404, 'x').title).toBe('This invitation link is not valid');
    expect(invitationRefusal(410, 'x').title).toBe('This invitation can no longer be used');
    expect(invitationRefusal(500, 'Storage is unavailable.').message).toBe(
      'Storage is unavailable.',
    );
  });

  it('names roles with their article', () => {
    expect(roleWithArticle('admin')).toBe('an admin');
    expect(roleWithArticle('member')).toBe('a member');
    expect(roleWithArticle('guest')).toBe('a guest');
  });

  it('makes initials from a name or an e-mail', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('Ada King Lovelace')).toBe('AL');
    expect(initialsOf('ada')).toBe('A');
    expect(initialsOf('grace.hopper@example.com')).toBe('GH');
    expect(initialsOf('élodie')).toBe('É');
    expect(initialsOf('   ')).toBe('?');
  });

  it('labels audit events, and shows unknown ones as sent', () => {
    expect(auditLabel('sign-in-failed')).toBe('Failed sign-in');
    expect(auditLabel('something-new')).toBe('something-new');
    expect(auditDetail({ role: 'admin', method: 'password' })).toBe(
      'role: admin · method: password',
    );
    expect(auditDetail({})).toBe('');
  });

  it('shows a token in the stock y-websocket call', () => {
    expect(websocketExample('https://jb.example.com', 'jbp_abc')).toBe(
      [
        "const token = 'jbp_abc';",
        "new WebsocketProvider('wss://jb.example.com/sync', boardId, doc, { params: { token } });",
      ].join('\n'),
    );
    expect(websocketExample('http://127.0.0.1:1234', 't')).toContain("'ws://127.0.0.1:1234/sync'");
  });

  it('starts single sign-on with the page to return to, encoded', () => {
    expect(oidcLoginHref('/b/board-123456?x=1&y=2')).toBe(
      '/auth/oidc/login?returnTo=%2Fb%2Fboard-123456%3Fx%3D1%26y%3D2',
    );
  });
});
