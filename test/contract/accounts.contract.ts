/**
 * The contract of the account half of the storage port (`storage.accounts`, see
 * server/storage/accounts.ts). An adapter's test file calls `accountsContract(name, makeStorage)`
 * with the same factory it gives `storageContract`.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EmailTaken,
  type AccessTokenRecord,
  type AccountStore,
  type InvitationRecord,
  type SessionRecord,
  type UserRecord,
  type WorkspaceRecord,
} from '../../server/storage/accounts.js';
import type { BoardRecord, Storage } from '../../server/storage/storage.js';
import type { StorageFixture } from './storage.contract.js';

const T0 = Date.parse('2024-05-01T08:00:00.000Z');
/** `minutes` after T0, as storage takes timestamps. */
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A valid Yjs update that changes nothing. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

function board(id: string): BoardRecord {
  return {
    id,
    title: `Board ${id}`,
    mapType: 'current-state',
    persona: '',
    createdAt: at(0),
    updatedAt: at(0),
    keyVersion: 1,
  };
}

function user(id: string, extra: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: `User ${id}`,
    avatarUrl: null,
    createdAt: at(0),
    lastActiveAt: at(0),
    disabled: false,
    ...extra,
  };
}

function workspace(id: string, extra: Partial<WorkspaceRecord> = {}): WorkspaceRecord {
  return {
    id,
    name: `Workspace ${id}`,
    createdAt: at(0),
    openSignup: false,
    guestLinks: true,
    ...extra,
  };
}

function session(
  secret: string,
  userId: string,
  extra: Partial<SessionRecord> = {},
): SessionRecord {
  return {
    secretHash: sha256(secret),
    userId,
    createdAt: at(0),
    lastSeenAt: at(0),
    expiresAt: at(60 * 24 * 30),
    method: 'password',
    ...extra,
  };
}

function invitation(
  secret: string,
  workspaceId: string,
  extra: Partial<InvitationRecord> = {},
): InvitationRecord {
  return {
    secretHash: sha256(secret),
    workspaceId,
    role: 'member',
    email: null,
    createdBy: 'admin',
    createdAt: at(0),
    expiresAt: at(60),
    maxUses: 1,
    uses: 0,
    revoked: false,
    ...extra,
  };
}

function accessToken(id: string, userId: string, extra: Partial<AccessTokenRecord> = {}) {
  return {
    id,
    secretHash: sha256(`jbp_${id}`),
    userId,
    name: `token ${id}`,
    createdAt: at(0),
    expiresAt: null,
    lastUsedAt: null,
    revoked: false,
    ...extra,
  } satisfies AccessTokenRecord;
}

export function accountsContract(name: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${name}: accounts`, () => {
    let fx: StorageFixture;
    let storage: Storage;
    let accounts: AccountStore;
    let others: Storage[] = [];

    beforeEach(async () => {
      fx = await makeStorage();
      storage = fx.storage;
      await storage.init();
      accounts = storage.accounts;
    });

    afterEach(async () => {
      for (const other of others) await other.close();
      others = [];
      await storage.close();
      await fx.cleanup();
    });

    /** Another live, initialised instance over the same data, like a second server process. */
    async function second(init = true): Promise<Storage> {
      const other = await (fx.second ?? fx.reopen)();
      others.push(other);
      if (init) await other.init();
      return other;
    }

    /** A user and a workspace they are admin of, as most tests start. */
    async function admin(): Promise<void> {
      await accounts.createUser(user('admin'));
      await accounts.createWorkspace(workspace('w'));
      await accounts.putMember({
        workspaceId: 'w',
        userId: 'admin',
        role: 'admin',
        joinedAt: at(0),
      });
    }

    describe('users', () => {
      it('creates users and reads them by id and by e-mail in any case (stored lower-cased)', async () => {
        expect(await accounts.countUsers()).toBe(0);
        const ann = user('ann', { email: 'Ann.Smith@Example.COM', avatarUrl: 'https://x/a.png' });
        await accounts.createUser(ann, 'scrypt$ann');
        await accounts.createUser(user('bob', { disabled: true })); // single sign-on: no password
        const stored = { ...ann, email: 'ann.smith@example.com' };
        expect(await accounts.getUser('ann')).toEqual(stored);
        expect(await accounts.getUserByEmail('ANN.SMITH@example.com')).toEqual(stored);
        expect(await accounts.getUserByEmail('ann.smith@example.com')).toEqual(stored);
        expect(await accounts.getUser('bob')).toEqual(user('bob', { disabled: true }));
        expect(await accounts.getUser('nobody')).toBeNull();
        expect(await accounts.getUserByEmail('nobody@example.com')).toBeNull();
        expect(await accounts.getPasswordHash('ann')).toBe('scrypt$ann');
        expect(await accounts.getPasswordHash('bob')).toBeNull();
        expect(await accounts.countUsers()).toBe(2);
      });

      it('an e-mail taken in any case throws EmailTaken and stores nothing', async () => {
        await accounts.createUser(user('ann', { email: 'ann@example.com' }), 'h1');
        const taken: unknown = await accounts
          .createUser(user('ann2', { email: 'ANN@Example.com' }), 'h2')
          .catch((err: unknown) => err);
        expect(taken).toBeInstanceOf(EmailTaken);
        expect(taken).toMatchObject({ code: 'EMAIL_TAKEN', email: 'ann@example.com' });
        expect(await accounts.getUser('ann2')).toBeNull();
        expect(await accounts.getPasswordHash('ann2')).toBeNull();
        expect(await accounts.getPasswordHash('ann')).toBe('h1');
        expect(await accounts.countUsers()).toBe(1);
        // A taken id is another failure, not EmailTaken.
        const sameId: unknown = await accounts
          .createUser(user('ann', { email: 'other@example.com' }))
          .catch((err: unknown) => err);
        expect(sameId).toBeInstanceOf(Error);
        expect(sameId).not.toBeInstanceOf(EmailTaken);
        expect(await accounts.getUserByEmail('other@example.com')).toBeNull();
      });

      it('updates only the fields given and replaces password hashes', async () => {
        const ann = user('ann', { avatarUrl: 'https://x/a.png' });
        await accounts.createUser(ann);
        await accounts.createUser(user('bob'));
        await accounts.updateUser('ann', { name: 'Ann B.' });
        expect(await accounts.getUser('ann')).toEqual({ ...ann, name: 'Ann B.' });
        await accounts.updateUser('ann', { avatarUrl: null, disabled: true, lastActiveAt: at(5) });
        const updated = {
          ...ann,
          name: 'Ann B.',
          avatarUrl: null,
          disabled: true,
          lastActiveAt: at(5),
        };
        expect(await accounts.getUser('ann')).toEqual(updated);
        await accounts.updateUser('ann', { disabled: false });
        expect((await accounts.getUser('ann'))?.disabled).toBe(false);
        await accounts.updateUser('ann', {});
        await accounts.updateUser('nobody', { name: 'x' });
        expect(await accounts.getUser('nobody')).toBeNull();
        expect(await accounts.getUser('bob')).toEqual(user('bob'));

        await accounts.setPasswordHash('ann', 'h1');
        await accounts.setPasswordHash('ann', 'h2');
        expect(await accounts.getPasswordHash('ann')).toBe('h2');
        expect(await accounts.getPasswordHash('bob')).toBeNull();
      });

      it('links external identities by issuer and subject', async () => {
        await accounts.createUser(user('ann'));
        await accounts.createUser(user('bob'));
        expect(await accounts.getUserByIdentity('https://idp', 'sub-1')).toBeNull();
        await accounts.linkIdentity('ann', 'https://idp', 'sub-1');
        await accounts.linkIdentity('ann', 'https://idp', 'sub-1'); // again: nothing changes
        await accounts.linkIdentity('bob', 'https://other-idp', 'sub-1');
        expect(await accounts.getUserByIdentity('https://idp', 'sub-1')).toEqual(user('ann'));
        expect(await accounts.getUserByIdentity('https://other-idp', 'sub-1')).toEqual(user('bob'));
        expect(await accounts.getUserByIdentity('https://idp', 'sub-2')).toBeNull();
        await expect(accounts.linkIdentity('bob', 'https://idp', 'sub-1')).rejects.toThrow(
          /another user/,
        );
        expect(await accounts.getUserByIdentity('https://idp', 'sub-1')).toEqual(user('ann'));
      });
    });

    describe('sessions', () => {
      it('creates, reads, touches (forward only) and deletes sessions', async () => {
        await accounts.createUser(user('ann'));
        const s1 = session('s1', 'ann', { method: 'oidc' });
        await accounts.createSession(s1);
        expect(await accounts.getSession(sha256('s1'))).toEqual(s1);
        expect(await accounts.getSession(sha256('nope'))).toBeNull();
        await accounts.touchSession(sha256('s1'), at(10));
        await accounts.touchSession(sha256('s1'), at(3)); // a slower request, finishing late
        expect(await accounts.getSession(sha256('s1'))).toEqual({ ...s1, lastSeenAt: at(10) });
        await accounts.touchSession(sha256('nope'), at(10));
        await accounts.deleteSession(sha256('s1'));
        await accounts.deleteSession(sha256('s1'));
        expect(await accounts.getSession(sha256('s1'))).toBeNull();
      });

      it('signs a user out everywhere, and no one else', async () => {
        await accounts.createUser(user('ann'));
        await accounts.createUser(user('bob'));
        for (const s of ['a1', 'a2', 'a3']) await accounts.createSession(session(s, 'ann'));
        await accounts.createSession(session('b1', 'bob'));
        expect(await accounts.deleteUserSessions('ann')).toBe(3);
        expect(await accounts.deleteUserSessions('ann')).toBe(0);
        for (const s of ['a1', 'a2', 'a3']) expect(await accounts.getSession(sha256(s))).toBeNull();
        expect(await accounts.getSession(sha256('b1'))).toEqual(session('b1', 'bob'));
      });

      it('deletes the sessions past their expiry or idle for too long, and only those', async () => {
        await accounts.createUser(user('ann'));
        const now = at(100);
        const idleBefore = at(40);
        const kept = {
          fresh: session('fresh', 'ann', { lastSeenAt: at(90), expiresAt: at(200) }),
          idleEdge: session('idleEdge', 'ann', { lastSeenAt: idleBefore, expiresAt: at(200) }),
        };
        const gone = {
          expired: session('expired', 'ann', { lastSeenAt: at(99), expiresAt: at(99) }),
          expiresNow: session('expiresNow', 'ann', { lastSeenAt: at(99), expiresAt: now }),
          idle: session('idle', 'ann', { lastSeenAt: at(39), expiresAt: at(200) }),
        };
        for (const s of [...Object.values(kept), ...Object.values(gone)]) {
          await accounts.createSession(s);
        }
        expect(await accounts.deleteExpiredSessions(now, idleBefore)).toBe(3);
        for (const s of Object.values(gone))
          expect(await accounts.getSession(s.secretHash)).toBeNull();
        for (const s of Object.values(kept))
          expect(await accounts.getSession(s.secretHash)).toEqual(s);
        expect(await accounts.deleteExpiredSessions(now, idleBefore)).toBe(0);
      });

      it('a session made by one instance is accepted, touched and ended by another', async () => {
        const other = (await second()).accounts;
        await accounts.createUser(user('ann'));
        await accounts.createSession(session('s1', 'ann'));
        expect(await other.getSession(sha256('s1'))).toEqual(session('s1', 'ann'));
        expect(await other.getUser('ann')).toEqual(user('ann'));
        await other.touchSession(sha256('s1'), at(7));
        expect((await accounts.getSession(sha256('s1')))?.lastSeenAt).toBe(at(7));
        await other.deleteUserSessions('ann');
        expect(await accounts.getSession(sha256('s1'))).toBeNull();
      });
    });

    describe('workspaces and members', () => {
      it('creates, reads and updates workspaces; the oldest is the default', async () => {
        expect(await accounts.getDefaultWorkspace()).toBeNull();
        const later = workspace('a-later', {
          createdAt: at(5),
          openSignup: true,
          guestLinks: false,
        });
        const first = workspace('z-first', { createdAt: at(1) });
        await accounts.createWorkspace(later);
        await accounts.createWorkspace(first);
        expect(await accounts.getWorkspace('a-later')).toEqual(later);
        expect(await accounts.getWorkspace('nope')).toBeNull();
        expect(await accounts.getDefaultWorkspace()).toEqual(first);
        await accounts.updateWorkspace('z-first', { name: 'Acme' });
        await accounts.updateWorkspace('z-first', { openSignup: true, guestLinks: false });
        const updated = { ...first, name: 'Acme', openSignup: true, guestLinks: false };
        expect(await accounts.getWorkspace('z-first')).toEqual(updated);
        await accounts.updateWorkspace('z-first', {});
        await accounts.updateWorkspace('a-later', { openSignup: false, guestLinks: true });
        expect(await accounts.getWorkspace('a-later')).toEqual(
          workspace('a-later', { createdAt: at(5) }),
        );
        expect(await accounts.getDefaultWorkspace()).toEqual(updated);
      });

      it('puts, changes (keeping joinedAt), lists (oldest first) and removes members', async () => {
        await admin();
        await accounts.createWorkspace(workspace('other'));
        for (const id of ['zed', 'amy', 'bob']) await accounts.createUser(user(id));
        await accounts.putMember({
          workspaceId: 'w',
          userId: 'zed',
          role: 'member',
          joinedAt: at(2),
        });
        await accounts.putMember({
          workspaceId: 'w',
          userId: 'bob',
          role: 'guest',
          joinedAt: at(3),
        });
        await accounts.putMember({
          workspaceId: 'w',
          userId: 'amy',
          role: 'member',
          joinedAt: at(2),
        });
        await accounts.putMember({
          workspaceId: 'other',
          userId: 'bob',
          role: 'admin',
          joinedAt: at(1),
        });
        // A role change keeps the first joinedAt.
        await accounts.putMember({
          workspaceId: 'w',
          userId: 'zed',
          role: 'admin',
          joinedAt: at(9),
        });
        expect(await accounts.getMember('w', 'zed')).toEqual({
          workspaceId: 'w',
          userId: 'zed',
          role: 'admin',
          joinedAt: at(2),
        });
        expect(await accounts.getMember('w', 'nobody')).toBeNull();
        const listed = await accounts.listMembers('w');
        expect(listed.map((m) => [m.userId, m.role, m.joinedAt])).toEqual([
          ['admin', 'admin', at(0)],
          ['amy', 'member', at(2)],
          ['zed', 'admin', at(2)],
          ['bob', 'guest', at(3)],
        ]);
        expect(listed[1]).toEqual({
          workspaceId: 'w',
          userId: 'amy',
          role: 'member',
          joinedAt: at(2),
          user: user('amy'),
        });
        expect(await accounts.removeMember('w', 'amy')).toBe(true);
        expect(await accounts.removeMember('w', 'amy')).toBe(false);
        expect((await accounts.listMembers('w')).map((m) => m.userId)).toEqual([
          'admin',
          'zed',
          'bob',
        ]);
        expect((await accounts.listMembers('other')).map((m) => m.userId)).toEqual(['bob']);
        expect(await accounts.listMembers('nope')).toEqual([]);
      });

      it("lists a user's workspaces with their role, oldest workspace first", async () => {
        await accounts.createUser(user('ann'));
        await accounts.createUser(user('bob'));
        const newer = workspace('newer', { createdAt: at(10) });
        const older = workspace('older', { createdAt: at(1), openSignup: true });
        await accounts.createWorkspace(newer);
        await accounts.createWorkspace(older);
        await accounts.createWorkspace(workspace('theirs'));
        await accounts.putMember({
          workspaceId: 'newer',
          userId: 'ann',
          role: 'guest',
          joinedAt: at(0),
        });
        await accounts.putMember({
          workspaceId: 'older',
          userId: 'ann',
          role: 'admin',
          joinedAt: at(20),
        });
        await accounts.putMember({
          workspaceId: 'theirs',
          userId: 'bob',
          role: 'member',
          joinedAt: at(0),
        });
        expect(await accounts.listUserWorkspaces('ann')).toEqual([
          { ...older, role: 'admin' },
          { ...newer, role: 'guest' },
        ]);
        await accounts.removeMember('older', 'ann');
        expect(await accounts.listUserWorkspaces('ann')).toEqual([{ ...newer, role: 'guest' }]);
        expect(await accounts.listUserWorkspaces('nobody')).toEqual([]);
      });
    });

    describe('boards', () => {
      it('a workspace adopts the boards made before it, each once', async () => {
        await storage.createBoard(board('old1'), EMPTY_UPDATE);
        await storage.createBoard(board('old2'), EMPTY_UPDATE);
        expect(await accounts.boardWorkspace('old1')).toBeNull();
        await admin();
        await accounts.createWorkspace(workspace('w2'));
        expect(await accounts.adoptBoards('w')).toBe(2);
        expect(await accounts.adoptBoards('w2')).toBe(0);
        expect(await accounts.boardWorkspace('old1')).toBe('w');
        expect(await accounts.boardWorkspace('old2')).toBe('w');

        // A board made later in a workspace is not adopted again; one made in open mode is.
        await storage.createBoard(board('placed'), EMPTY_UPDATE);
        await accounts.setBoardWorkspace('placed', 'w2');
        await storage.createBoard(board('open'), EMPTY_UPDATE);
        expect(await accounts.adoptBoards('w')).toBe(1);
        expect(await accounts.boardWorkspace('placed')).toBe('w2');
        expect(await accounts.boardWorkspace('open')).toBe('w');
        // Moving a board; unknown boards have none and get none.
        await accounts.setBoardWorkspace('old2', 'w2');
        expect(await accounts.boardWorkspace('old2')).toBe('w2');
        await accounts.setBoardWorkspace('nope', 'w');
        expect(await accounts.boardWorkspace('nope')).toBeNull();
        // The board itself is untouched.
        expect(await storage.getBoard('old1')).toEqual(board('old1'));
      });

      it('gives, changes and removes board roles; deleting the board deletes them', async () => {
        await admin();
        await accounts.createUser(user('ann'));
        await storage.createBoard(board('b1'), EMPTY_UPDATE);
        await storage.createBoard(board('b2'), EMPTY_UPDATE);
        expect(await accounts.getBoardRole('b1', 'ann')).toBeNull();
        await accounts.setBoardRole('b1', 'ann', 'viewer');
        await accounts.setBoardRole('b1', 'admin', 'owner');
        await accounts.setBoardRole('b2', 'ann', 'commenter');
        await accounts.setBoardRole('b1', 'ann', 'editor');
        expect(await accounts.getBoardRole('b1', 'ann')).toBe('editor');
        expect(await accounts.getBoardRole('b1', 'admin')).toBe('owner');
        expect(await accounts.getBoardRole('b2', 'ann')).toBe('commenter');
        await accounts.setBoardRole('b2', 'ann', null);
        expect(await accounts.getBoardRole('b2', 'ann')).toBeNull();
        await accounts.setBoardRole('nope', 'ann', 'owner');
        expect(await accounts.getBoardRole('nope', 'ann')).toBeNull();

        await accounts.setBoardWorkspace('b1', 'w');
        await accounts.setBoardSeen('ann', 'b1', at(3));
        expect(await storage.deleteBoard('b1')).toBe(true);
        // A new board under the same id starts with nothing of the old one.
        await storage.createBoard(board('b1'), EMPTY_UPDATE);
        expect(await accounts.getBoardRole('b1', 'ann')).toBeNull();
        expect(await accounts.getBoardRole('b1', 'admin')).toBeNull();
        expect(await accounts.getBoardSeen('ann', 'b1')).toBeNull();
        expect(await accounts.boardWorkspace('b1')).toBeNull();
      });

      it('remembers when each user last saw each board', async () => {
        await accounts.createUser(user('ann'));
        await accounts.createUser(user('bob'));
        await storage.createBoard(board('b1'), EMPTY_UPDATE);
        await storage.createBoard(board('b2'), EMPTY_UPDATE);
        expect(await accounts.getBoardSeen('ann', 'b1')).toBeNull();
        await accounts.setBoardSeen('ann', 'b1', at(5));
        await accounts.setBoardSeen('bob', 'b1', at(6));
        await accounts.setBoardSeen('ann', 'b2', at(7));
        expect(await accounts.getBoardSeen('ann', 'b1')).toBe(at(5));
        await accounts.setBoardSeen('ann', 'b1', at(9));
        expect(await accounts.getBoardSeen('ann', 'b1')).toBe(at(9));
        expect(await accounts.getBoardSeen('bob', 'b1')).toBe(at(6));
        expect(await accounts.getBoardSeen('ann', 'b2')).toBe(at(7));
        expect(await accounts.getBoardSeen('bob', 'b2')).toBeNull();
        await accounts.setBoardSeen('ann', 'nope', at(5));
        expect(await accounts.getBoardSeen('ann', 'nope')).toBeNull();
      });
    });

    describe('invitations', () => {
      it('stores, lists (newest first) and revokes invitations', async () => {
        await admin();
        await accounts.createWorkspace(workspace('w2'));
        const byLink = invitation('link', 'w', { maxUses: 10, createdAt: at(1) });
        const byMail = invitation('mail', 'w', {
          email: 'New@Example.com',
          role: 'guest',
          createdAt: at(2),
        });
        await accounts.createInvitation(byLink);
        await accounts.createInvitation(byMail);
        await accounts.createInvitation(invitation('elsewhere', 'w2'));
        expect(await accounts.getInvitation(sha256('link'))).toEqual(byLink);
        const mailStored = { ...byMail, email: 'new@example.com' };
        expect(await accounts.getInvitation(sha256('mail'))).toEqual(mailStored);
        expect(await accounts.getInvitation(sha256('nope'))).toBeNull();
        expect(await accounts.listInvitations('w')).toEqual([mailStored, byLink]);
        await accounts.revokeInvitation(sha256('link'));
        await accounts.revokeInvitation(sha256('nope'));
        expect(await accounts.getInvitation(sha256('link'))).toEqual({ ...byLink, revoked: true });
        expect((await accounts.listInvitations('w')).map((i) => i.revoked)).toEqual([false, true]);
        expect(await accounts.listInvitations('nope')).toEqual([]);
      });

      it('counts uses while the invitation is good: not revoked, not expired, uses left', async () => {
        await admin();
        await accounts.createInvitation(
          invitation('three', 'w', { maxUses: 3, expiresAt: at(60) }),
        );
        await accounts.createInvitation(invitation('revoked', 'w', { maxUses: 5 }));
        await accounts.revokeInvitation(sha256('revoked'));
        const h = sha256('three');
        expect(await accounts.useInvitation(h, at(1))).toBe(true);
        expect(await accounts.useInvitation(h, at(2))).toBe(true);
        expect((await accounts.getInvitation(h))?.uses).toBe(2);
        expect(await accounts.useInvitation(h, at(60))).toBe(false); // expires at that instant
        expect(await accounts.useInvitation(h, at(59))).toBe(true);
        expect(await accounts.useInvitation(h, at(3))).toBe(false); // used up
        expect((await accounts.getInvitation(h))?.uses).toBe(3);
        expect(await accounts.useInvitation(sha256('revoked'), at(1))).toBe(false);
        expect((await accounts.getInvitation(sha256('revoked')))?.uses).toBe(0);
        expect(await accounts.useInvitation(sha256('nope'), at(1))).toBe(false);
      });

      it('instances racing for the last uses: exactly as many win as there are uses', async () => {
        await admin();
        const other = (await second()).accounts;
        const instances = [accounts, other];
        await accounts.createInvitation(invitation('last', 'w', { maxUses: 3, uses: 2 }));
        const last = await Promise.all(
          instances.map((s) => s.useInvitation(sha256('last'), at(1))),
        );
        expect(last.filter(Boolean)).toHaveLength(1);
        expect((await accounts.getInvitation(sha256('last')))?.uses).toBe(3);

        await accounts.createInvitation(invitation('crowd', 'w', { maxUses: 5 }));
        const crowd = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            instances[i % 2]!.useInvitation(sha256('crowd'), at(1)),
          ),
        );
        expect(crowd.filter(Boolean)).toHaveLength(5);
        expect((await other.getInvitation(sha256('crowd')))?.uses).toBe(5);
      });
    });

    describe('tokens and password resets', () => {
      it('stores personal access tokens, lists them newest first, revokes only their own', async () => {
        await accounts.createUser(user('ann'));
        await accounts.createUser(user('bob'));
        const old = accessToken('t-old', 'ann', { createdAt: at(1), expiresAt: at(1000) });
        const mid = accessToken('t-mid', 'ann', { createdAt: at(2) });
        const bobs = accessToken('t-bob', 'bob', { createdAt: at(3) });
        const recent = accessToken('t-new', 'ann', { createdAt: at(4), lastUsedAt: at(4) });
        for (const t of [mid, recent, bobs, old]) await accounts.createAccessToken(t);
        expect(await accounts.getAccessTokenBySecret(sha256('jbp_t-old'))).toEqual(old);
        expect(await accounts.getAccessTokenBySecret(sha256('jbp_nope'))).toBeNull();
        expect(await accounts.listAccessTokens('ann')).toEqual([recent, mid, old]);

        expect(await accounts.revokeAccessToken('ann', 't-bob')).toBe(false);
        expect(await accounts.revokeAccessToken('ann', 't-nope')).toBe(false);
        expect((await accounts.getAccessTokenBySecret(bobs.secretHash))?.revoked).toBe(false);
        expect(await accounts.revokeAccessToken('ann', 't-mid')).toBe(true);
        expect(await accounts.revokeAccessToken('ann', 't-mid')).toBe(true);
        await accounts.touchAccessToken('t-old', at(50));
        expect(await accounts.listAccessTokens('ann')).toEqual([
          recent,
          { ...mid, revoked: true },
          { ...old, lastUsedAt: at(50) },
        ]);
        expect(await accounts.listAccessTokens('bob')).toEqual([bobs]);
        expect(await accounts.listAccessTokens('nobody')).toEqual([]);
      });

      it('a password reset works once, and not after it expires', async () => {
        await accounts.createUser(user('ann'));
        const reset = (secret: string, expiresAt = at(30)) => ({
          secretHash: sha256(secret),
          userId: 'ann',
          expiresAt,
          used: false,
        });
        await accounts.createPasswordReset(reset('r1'));
        await accounts.createPasswordReset(reset('r2', at(10)));
        await accounts.createPasswordReset({ ...reset('r3'), used: true });
        expect(await accounts.usePasswordReset(sha256('r1'), at(29))).toBe('ann');
        expect(await accounts.usePasswordReset(sha256('r1'), at(29))).toBeNull();
        expect(await accounts.usePasswordReset(sha256('r2'), at(10))).toBeNull();
        expect(await accounts.usePasswordReset(sha256('r3'), at(1))).toBeNull();
        expect(await accounts.usePasswordReset(sha256('nope'), at(1))).toBeNull();
        // Two instances racing for one link: one gets it.
        await accounts.createPasswordReset(reset('r4'));
        const other = (await second()).accounts;
        const raced = await Promise.all(
          [accounts, other, accounts, other].map((s) => s.usePasswordReset(sha256('r4'), at(1))),
        );
        expect(raced.filter((u) => u !== null)).toEqual(['ann']);
      });
    });

    describe('audit log', () => {
      it('appends events and lists them per workspace, newest first, by pages', async () => {
        await admin();
        const event = (n: number, workspaceId: string | null = 'w') => ({
          workspaceId,
          at: at(n),
          action: 'role-changed' as const,
          actorId: 'admin',
          actorLabel: 'User admin',
          target: `user-${n}`,
          ip: '192.0.2.1',
          detail: { role: 'guest', count: n, notified: n % 2 === 0 },
        });
        for (let n = 1; n <= 5; n++) await accounts.appendAudit(event(n));
        await accounts.appendAudit(event(6, 'elsewhere'));
        await accounts.appendAudit({
          ...event(7, null),
          action: 'sign-in-failed',
          actorId: null,
          actorLabel: 'who@example.com',
          target: null,
          ip: null,
          detail: {},
        });
        const all = await accounts.listAudit('w', { limit: 100 });
        expect(all.map((e) => e.target)).toEqual([
          'user-5',
          'user-4',
          'user-3',
          'user-2',
          'user-1',
        ]);
        const { seq: _seq, ...fifth } = all[0]!;
        expect(fifth).toEqual(event(5));
        const page1 = await accounts.listAudit('w', { limit: 2 });
        const page2 = await accounts.listAudit('w', { limit: 2, beforeSeq: page1.at(-1)!.seq });
        const page3 = await accounts.listAudit('w', { limit: 2, beforeSeq: page2.at(-1)!.seq });
        expect([...page1, ...page2, ...page3]).toEqual(all);
        expect(await accounts.listAudit('w', { limit: 2, beforeSeq: all.at(-1)!.seq })).toEqual([]);
        expect(await accounts.listAudit('w', { limit: 0 })).toEqual([]);
        expect((await accounts.listAudit('elsewhere', { limit: 9 })).map((e) => e.target)).toEqual([
          'user-6',
        ]);
        await expect(accounts.listAudit('w', { limit: -1 })).rejects.toThrow(RangeError);
        await expect(accounts.listAudit('w', { limit: 1.5 })).rejects.toThrow(RangeError);
      });

      it('seqs increase across instances and pages of any size rebuild the log', async () => {
        const other = (await second()).accounts;
        let run = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.tuple(fc.boolean(), fc.boolean()), { maxLength: 20 }),
            fc.integer({ min: 1, max: 6 }),
            async (events, pageSize) => {
              const ws = [`r${run}-a`, `r${run++}-b`];
              const expected: string[] = [];
              for (const [i, [inA, viaOther]] of events.entries()) {
                const workspaceId = ws[inA ? 0 : 1]!;
                if (inA) expected.unshift(`e${i}`);
                await (viaOther ? other : accounts).appendAudit({
                  workspaceId,
                  at: at(i),
                  action: 'sign-in',
                  actorId: null,
                  actorLabel: 'x',
                  target: `e${i}`,
                  ip: null,
                  detail: { method: 'password' },
                });
              }
              const pages: string[] = [];
              let beforeSeq: number | undefined;
              for (;;) {
                const page = await accounts.listAudit(ws[0]!, { limit: pageSize, beforeSeq });
                expect(page.length).toBeLessThanOrEqual(pageSize);
                for (const [k, e] of page.entries()) {
                  if (k > 0) expect(e.seq).toBeLessThan(page[k - 1]!.seq);
                  if (beforeSeq !== undefined) expect(e.seq).toBeLessThan(beforeSeq);
                  pages.push(e.target!);
                }
                if (page.length < pageSize) break;
                beforeSeq = page.at(-1)!.seq;
              }
              expect(pages).toEqual(expected);
            },
          ),
          { numRuns: 15 },
        );
      });
    });

    it('keeps everything across close and reopen', async () => {
      await admin();
      await accounts.createSession(session('s1', 'admin'));
      await accounts.createAccessToken(accessToken('t1', 'admin'));
      await accounts.linkIdentity('admin', 'https://idp', 'sub');
      await storage.close();
      storage = await fx.reopen();
      await storage.init();
      accounts = storage.accounts;
      expect(await accounts.getSession(sha256('s1'))).toEqual(session('s1', 'admin'));
      expect(await accounts.getUserByIdentity('https://idp', 'sub')).toEqual(user('admin'));
      expect(await accounts.listAccessTokens('admin')).toEqual([accessToken('t1', 'admin')]);
      expect((await accounts.listMembers('w')).map((m) => m.role)).toEqual(['admin']);
    });

    it('rejects account calls before init and after close', async () => {
      const fresh = await second(false);
      await expect(fresh.accounts.getSession(sha256('s1'))).rejects.toThrow(/init/);
      await expect(fresh.accounts.createUser(user('ann'))).rejects.toThrow(/init/);
      await expect(fresh.accounts.updateUser('ann', {})).rejects.toThrow(/init/);
      await storage.close();
      await expect(accounts.countUsers()).rejects.toThrow(/closed/);
    });
  });
}
