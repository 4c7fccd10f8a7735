import type express from 'express';
import { checkAccess, type AccessResult, type Admitted } from './auth/access.js';
import { AccountService } from './auth/accountService.js';
import { boardAccess, type BoardAccessDeps } from './auth/boardAccess.js';
import {
  resolvePrincipal,
  sessionCredential,
  sessionsOfCredential,
  tokenCredential,
  type Principal,
} from './auth/principal.js';
import { OidcSignIn } from './auth/oidc.js';
import { Sessions } from './auth/sessions.js';
import { DEFAULT_PASSWORD_COST } from './auth/passwords.js';
import type { TokenIssuer } from './auth/tokens.js';
import type { Config } from './config.js';
import { authRouter } from './http/authRouter.js';
import { boardPeopleRouter } from './http/boardPeopleRouter.js';
import type { BoardOwnership } from './http/boardsRouter.js';
import { HourlyLimiter } from './http/hourlyLimiter.js';
import { meRouter } from './http/meRouter.js';
import { oidcRouter } from './http/oidcRouter.js';
import { principalMiddleware, principalOf } from './http/principalMiddleware.js';
import { contextOf } from './http/authRouter.js';
import { workspaceRouter } from './http/workspaceRouter.js';
import { workspaceCreationRouter } from './http/workspaceCreationRouter.js';
import { cannotPlaceBoard, reachableBoards } from './auth/workspaces.js';
import type { Logger } from './logger.js';
import type { AccountStore } from './storage/accounts.js';
import { AccountMail } from './mail/accountMail.js';
import type { Mailer } from './mail/mailer.js';
import type { MembershipNotices } from './inbox/inbox.js';
import type { Storage } from './storage/storage.js';

/** How often expired sessions are swept from the database. */
const SWEEP_EVERY_MS = 3_600_000;

/** Everything the rest of the server asks of accounts, whatever the mode. */
export interface AccountsWiring {
  /** What a request's principal or token may do on a board (REST). */
  boardAccess(
    boardId: string,
    principal: Principal | null,
    token: string | undefined,
  ): Promise<AccessResult>;
  /** What an upgrade's token or session cookie may do on a board (sync). */
  syncAccess(
    boardId: string,
    token: string | undefined,
    cookie: string | undefined,
  ): Promise<AccessResult>;
  /** Null in open mode. */
  ownership: BoardOwnership | null;
  /** The principal middleware (before every API route) and the account routes. */
  mount(app: express.Express): void;
  close(): void;
}

export interface AccountsParts {
  storage: Storage;
  tokens: TokenIssuer;
  /** The server secret (seals single sign-on's pending state). */
  secret: Uint8Array;
  log: Logger;
  /** Closes a person's sockets: for good when removed, to reconnect when changed. */
  disconnectUser(userId: string, why: 'user-removed' | 'user-changed'): void;
  /** Closes, everywhere, the sockets a credential admitted (`credentialsOf`, S128). */
  disconnectCredential(credential: string): void;
  /** The mail outbox's sender, when `SMTP_URL` is set. */
  mailer: Mailer | null;
  /** The inbox, told of people added to workspaces and boards (null: no inbox). */
  notices?: MembershipNotices | null;
}

/**
 * Accounts as configured: in `open` mode only share links decide (as before accounts); in
 * `accounts` and `oidc` modes people sign in, boards belong to workspaces, and boards made
 * before (open mode, older versions) join the install's workspace at start.
 */
export async function setUpAccounts(config: Config, parts: AccountsParts): Promise<AccountsWiring> {
  const { storage, tokens, log } = parts;
  const accounts = storage.accounts;
  const mode = config.AUTH_MODE;
  const secureCookie = config.PUBLIC_URL?.startsWith('https://') ?? false;
  const sessions = new Sessions(accounts, {
    idleMs: config.SESSION_IDLE_HOURS * 3_600_000,
    maxMs: config.SESSION_MAX_DAYS * 86_400_000,
    secureCookie,
  });
  sessions.onEnded((ended) =>
    parts.disconnectCredential(
      'userId' in ended ? sessionsOfCredential(ended.userId) : sessionCredential(ended.sessionHash),
    ),
  );
  const service = new AccountService({
    accounts,
    mode,
    passwordCost: config.PASSWORD_HASH_COST,
    attempts: {
      perEmail: new HourlyLimiter(config.SIGNIN_ATTEMPTS_PER_HOUR),
      perAddress: new HourlyLimiter(config.SIGNIN_ATTEMPTS_PER_HOUR * 5),
    },
    joinedByInvitation: ({ userId, workspaceId, role, invitedBy }) =>
      parts.notices?.addedToWorkspace({ userId, workspaceId, role, actorId: invitedBy }),
  });
  const accessDeps: BoardAccessDeps = {
    mode,
    tokens,
    storage,
    accounts,
    sessions,
    adminToken: config.ADMIN_TOKEN,
  };
  const oidc = mode !== 'open' && config.OIDC ? startOidc(config.OIDC, log) : null;
  const mail = accountMail(config, parts, service);
  const publicOrigin = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : null;
  const allowedOrigins = [...config.ALLOWED_ORIGINS, ...(publicOrigin ? [publicOrigin] : [])];

  if (mode !== 'open' && config.PASSWORD_HASH_COST < DEFAULT_PASSWORD_COST)
    log.warn(
      { cost: config.PASSWORD_HASH_COST },
      'PASSWORD_HASH_COST is below OWASP’s floor (17): new password hashes are cheap to crack',
    );
  const sweeper = mode === 'open' ? null : await adoptAndSweep(accounts, sessions, log);

  const ownership =
    mode === 'open' ? null : boardOwnership(service, config.TRUST_PROXY, parts.notices ?? null);

  return {
    boardAccess: (boardId, principal, token) => boardAccess(accessDeps, boardId, principal, token),
    async syncAccess(boardId, token, cookie) {
      if (mode === 'open') return checkAccess(accessDeps, boardId, token);
      const principal = await resolvePrincipal(accessDeps, { cookie });
      return boardAccess(accessDeps, boardId, principal, token);
    },
    ownership,
    mount(app) {
      app.use('/api', principalMiddleware({ ...accessDeps, allowedOrigins }));
      app.use(
        '/api/auth',
        authRouter({
          mode,
          service,
          sessions,
          trustProxyHops: config.TRUST_PROXY,
          oidcLabel: oidc?.buttonLabel ?? null,
          mail,
        }),
      );
      if (oidc) {
        app.use(
          '/auth/oidc',
          oidcRouter({
            oidc,
            service,
            sessions,
            secret: parts.secret,
            secureCookie,
            trustProxyHops: config.TRUST_PROXY,
            log,
          }),
        );
      }
      app.use(
        '/api/me',
        meRouter({
          mode,
          service,
          trustProxyHops: config.TRUST_PROXY,
          renamed: (userId) => parts.disconnectUser(userId, 'user-changed'),
          tokenRevoked: (tokenId) => parts.disconnectCredential(tokenCredential(tokenId)),
          async guestOf(token) {
            const capability = await tokens.verify(token);
            if (!capability) return null;
            const access = await boardAccess(accessDeps, capability.boardId, null, token);
            return access.ok ? { boardId: capability.boardId, role: access.role } : null;
          },
        }),
      );
      if (mode !== 'open') {
        app.use(
          '/api/boards',
          boardPeopleRouter({
            access: (boardId, principal, token) =>
              boardAccess(accessDeps, boardId, principal, token),
            service,
            trustProxyHops: config.TRUST_PROXY,
            roleChanged: (userId) => parts.disconnectUser(userId, 'user-changed'),
            notices: parts.notices ?? null,
          }),
        );
        app.use(
          '/api/workspaces',
          workspaceCreationRouter({
            service,
            trustProxyHops: config.TRUST_PROXY,
            creation: config.WORKSPACE_CREATION,
          }),
        );
        app.use(
          '/api/workspaces',
          workspaceRouter({
            service,
            trustProxyHops: config.TRUST_PROXY,
            publicUrl: config.PUBLIC_URL ?? null,
            disconnectUser: parts.disconnectUser,
            mail,
            notices: parts.notices ?? null,
          }),
        );
      }
    },
    close() {
      if (sweeper) clearInterval(sweeper);
    },
  };
}

/** Reset and invitation mail, when people sign in and `SMTP_URL` is set. */
function accountMail(
  config: Config,
  parts: AccountsParts,
  service: AccountService,
): AccountMail | null {
  // PUBLIC_URL is required with SMTP_URL (config.ts): links in mail never come from a Host.
  if (config.AUTH_MODE === 'open' || !parts.mailer || !config.PUBLIC_URL) return null;
  return new AccountMail({
    mailer: parts.mailer,
    service,
    publicUrl: config.PUBLIC_URL,
    limits: {
      perEmail: new HourlyLimiter(config.RESET_MAILS_PER_HOUR),
      perAddress: new HourlyLimiter(config.RESET_MAILS_PER_HOUR * 5),
    },
    log: parts.log,
  });
}

/** Boards made before accounts join the default workspace; expired sessions are swept. */
async function adoptAndSweep(
  accounts: AccountStore,
  sessions: Sessions,
  log: Logger,
): Promise<NodeJS.Timeout> {
  const workspace = await accounts.getDefaultWorkspace();
  if (workspace) {
    const adopted = await accounts.adoptBoards(workspace.id);
    if (adopted > 0)
      log.info({ boards: adopted }, 'boards made before accounts joined the workspace');
  }
  const sweep = () =>
    sessions.sweep().catch((err: unknown) => log.warn({ err }, 'sweeping expired sessions failed'));
  void sweep();
  return setInterval(() => void sweep(), SWEEP_EVERY_MS).unref();
}

/** What the boards API asks of accounts: who may create, where a new board goes, the audit. */
function boardOwnership(
  service: AccountService,
  trustProxyHops: number,
  notices: MembershipNotices | null,
): BoardOwnership {
  const { accounts } = service;
  return {
    async cannotCreate(principal) {
      const workspaces = await accounts.listUserWorkspaces(principal.user.id);
      return workspaces.some((w) => w.role !== 'guest')
        ? null
        : 'guests of a workspace may not create boards';
    },
    cannotPlace: (principal, workspaceId) => cannotPlaceBoard(accounts, principal, workspaceId),
    reachable: (principal) => reachableBoards(accounts, principal),
    async claim(boardId, principal, workspaceId) {
      if (!principal) {
        const id = workspaceId ?? (await service.defaultWorkspace()).id;
        await accounts.setBoardWorkspace(boardId, id);
        return;
      }
      if (workspaceId) {
        await accounts.setBoardWorkspace(boardId, workspaceId);
      } else {
        const workspaces = await accounts.listUserWorkspaces(principal.user.id);
        const home = workspaces.find((w) => w.role !== 'guest') ?? workspaces[0];
        if (home) await accounts.setBoardWorkspace(boardId, home.id);
      }
      await accounts.setBoardRole(boardId, principal.user.id, 'owner');
      notices?.boardCreated(boardId, principal.user.id);
    },
    async audit(action, boardId, req, res) {
      const principal = principalOf(res);
      const admitted = res.locals.admitted as Admitted | undefined;
      await service.audit(action, contextOf(req, trustProxyHops), {
        // A deleted board has no workspace any more: the install's then.
        workspaceId: await accounts.boardWorkspace(boardId),
        actor: principal?.user ?? null,
        actorLabel: principal
          ? undefined
          : admitted?.kind === 'admin'
            ? 'admin token'
            : 'guest link',
        target: boardId,
      });
    },
  };
}

/** Single sign-on, its provider asked in the background to say early when it does not answer. */
function startOidc(oidcConfig: NonNullable<Config['OIDC']>, log: Logger): OidcSignIn {
  const oidc = new OidcSignIn(oidcConfig);
  if (oidcConfig.allowInsecure)
    log.warn(
      { issuer: oidc.issuer },
      'OIDC_ALLOW_INSECURE: the identity provider is reached over plain http',
    );
  oidc
    .ready()
    .catch((err: unknown) =>
      log.warn({ err, issuer: oidc.issuer }, 'the identity provider does not answer yet'),
    );
  return oidc;
}
