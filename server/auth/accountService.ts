import { nanoid } from 'nanoid';
import type {
  AccountStore,
  AuditAction,
  UserRecord,
  WorkspaceRecord,
  WorkspaceRole,
} from '../storage/accounts.js';
import { EmailTaken } from '../storage/accounts.js';
import type { HourlyLimiter } from '../http/hourlyLimiter.js';
import type { AuthMode } from './authMode.js';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { hashSecret } from './secrets.js';

/** Where a request came from, for the audit log and the attempt limits. */
export interface RequestContext {
  ip: string | null;
}

/** A refusal the routes answer with its status and sentence (and the field at fault). */
export class AccountRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AccountRefusal';
  }
}

/** What an identity provider vouched for (server/auth/oidc.ts). */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string;
  /** Only a verified e-mail may join an existing account of that e-mail. */
  emailVerified: boolean;
  name: string;
  avatarUrl: string | null;
  /** Members of the configured admin group become workspace admins. */
  admin: boolean;
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

export interface AccountServiceDeps {
  accounts: AccountStore;
  mode: AuthMode;
  /** Sign-in attempts per e-mail and per address. */
  attempts: { perEmail: HourlyLimiter; perAddress: HourlyLimiter };
  now?: () => number;
  /** log2 of scrypt's N for new password hashes (`PASSWORD_HASH_COST`; the default unless set). */
  passwordCost?: number;
  /** Someone joined a workspace through an invitation (for their inbox). */
  joinedByInvitation?(input: {
    userId: string;
    workspaceId: string;
    role: WorkspaceRole;
    invitedBy: string;
  }): void;
}

const WRONG_CREDENTIALS = 'Wrong e-mail or password.';
const DEFAULT_WORKSPACE_NAME = 'Our workspace';

const normalEmail = (email: string) => email.trim().toLowerCase();

/**
 * Accounts as people meet them: the first admin of a fresh install, sign-in with a password
 * (attempts limited, timing the same for unknown e-mails), sign-up by invitation or when open,
 * users made at their first single sign-on, one-time password resets. Every security event goes
 * to the audit log; no secret reaches it.
 */
export class AccountService {
  private readonly now: () => number;

  constructor(private readonly deps: AccountServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  get accounts(): AccountStore {
    return this.deps.accounts;
  }

  /** No one has an account yet: the next sign-up (or first single sign-on) makes the admin. */
  async needsSetup(): Promise<boolean> {
    return (await this.deps.accounts.countUsers()) === 0;
  }

  /**
   * The install's workspace (the oldest), made on first use; boards made before accounts (open
   * mode, or an older version) join it.
   */
  async defaultWorkspace(name = DEFAULT_WORKSPACE_NAME): Promise<WorkspaceRecord> {
    const { accounts } = this.deps;
    let workspace = await accounts.getDefaultWorkspace();
    if (!workspace) {
      await accounts.createWorkspace({
        id: nanoid(12),
        name,
        createdAt: this.iso(),
        openSignup: false,
        guestLinks: true,
      });
      // Two instances racing both create one; the oldest is the default for both.
      workspace = (await accounts.getDefaultWorkspace())!;
    }
    await accounts.adoptBoards(workspace.id);
    return workspace;
  }

  async audit(
    action: AuditAction,
    ctx: RequestContext,
    fields: {
      workspaceId?: string | null;
      actor?: UserRecord | null;
      actorLabel?: string;
      target?: string | null;
      detail?: Record<string, string | number | boolean>;
    } = {},
  ): Promise<void> {
    await this.deps.accounts.appendAudit({
      workspaceId:
        fields.workspaceId ?? (await this.deps.accounts.getDefaultWorkspace())?.id ?? null,
      at: this.iso(),
      action,
      actorId: fields.actor?.id ?? null,
      actorLabel: fields.actorLabel ?? fields.actor?.email ?? '',
      target: fields.target ?? null,
      ip: ctx.ip,
      detail: fields.detail ?? {},
    });
  }

  /** The first admin of a fresh install (409 once anyone has an account). */
  async setup(input: NewAccount & { workspaceName: string }, ctx: RequestContext) {
    if (this.deps.mode === 'oidc')
      throw new AccountRefusal(403, 'This server signs people in through single sign-on only.');
    if (!(await this.needsSetup()))
      throw new AccountRefusal(409, 'This server is already set up; sign in instead.');
    const workspace = await this.defaultWorkspace(input.workspaceName.trim() || undefined);
    const user = await this.createLocalUser(input, ctx);
    await this.join(workspace.id, user, 'admin', ctx, user);
    return user;
  }

  async signIn(emailInput: string, password: string, ctx: RequestContext): Promise<UserRecord> {
    if (this.deps.mode === 'oidc')
      throw new AccountRefusal(403, 'This server signs people in through single sign-on only.');
    const email = normalEmail(emailInput);
    // Counted before the password is checked: past the limit, not even the right one passes.
    this.spend(this.deps.attempts.perAddress.take(ctx.ip ?? 'unknown'));
    this.spend(this.deps.attempts.perEmail.takeKey(email));
    const user = await this.deps.accounts.getUserByEmail(email);
    const hash = user ? await this.deps.accounts.getPasswordHash(user.id) : null;
    const matches = await verifyPassword(
      password,
      hash ?? (await decoyHash(this.deps.passwordCost)),
    );
    if (!user || !hash || !matches || user.disabled) {
      await this.audit('sign-in-failed', ctx, { actor: null, actorLabel: email, target: user?.id });
      throw new AccountRefusal(401, WRONG_CREDENTIALS);
    }
    await this.audit('sign-in', ctx, { actor: user, detail: { method: 'password' } });
    return user;
  }

  /** A sign-up: by invitation, or open when the workspace allows it. */
  async signUp(input: NewAccount & { invitation?: string }, ctx: RequestContext) {
    if (this.deps.mode === 'oidc')
      throw new AccountRefusal(403, 'This server signs people in through single sign-on only.');
    const { accounts } = this.deps;
    if (await this.needsSetup())
      throw new AccountRefusal(409, 'No one has an account yet: create the admin account first.');
    let workspaceId: string;
    let role: WorkspaceRole = 'member';
    let invitedBy: string | null = null;
    if (input.invitation) {
      const invitation = await this.invitation(input.invitation);
      invitedBy = invitation.createdBy;
      if (invitation.email && invitation.email !== normalEmail(input.email))
        throw new AccountRefusal(403, `This invitation is for ${invitation.email}.`, 'email');
      workspaceId = invitation.workspaceId;
      role = invitation.role;
    } else {
      const workspace = await this.defaultWorkspace();
      if (!workspace.openSignup)
        throw new AccountRefusal(403, 'Sign-up is by invitation only; ask an admin for a link.');
      workspaceId = workspace.id;
    }
    // The password is checked before the invitation is spent; the e-mail after (a race).
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw new AccountRefusal(400, problem, 'password');
    if (await accounts.getUserByEmail(normalEmail(input.email)))
      throw new AccountRefusal(
        409,
        'An account with this e-mail exists; sign in instead.',
        'email',
      );
    if (
      input.invitation &&
      !(await accounts.useInvitation(hashSecret(input.invitation), this.iso()))
    )
      throw new AccountRefusal(410, 'This invitation was used up, revoked or has expired.');
    const user = await this.createLocalUser(input, ctx);
    await this.join(workspaceId, user, role, ctx, user);
    if (invitedBy)
      this.deps.joinedByInvitation?.({ userId: user.id, workspaceId, role, invitedBy });
    return user;
  }

  /** An invitation that can still be used, by its secret (404 / 410 otherwise). */
  async invitation(secret: string) {
    const invitation = await this.deps.accounts.getInvitation(hashSecret(secret));
    if (!invitation) throw new AccountRefusal(404, 'This invitation link is not valid.');
    const spent = invitation.uses >= invitation.maxUses;
    if (invitation.revoked || spent || Date.parse(invitation.expiresAt) <= this.now())
      throw new AccountRefusal(410, 'This invitation was used up, revoked or has expired.');
    return invitation;
  }

  /**
   * A person the identity provider vouched for: found by issuer and subject, else by a verified
   * e-mail (and linked), else created and added to the default workspace (the first user of
   * a fresh install as its admin; members of the admin group as admins).
   */
  async oidcSignIn(identity: VerifiedIdentity, ctx: RequestContext): Promise<UserRecord> {
    const { accounts } = this.deps;
    let user = await accounts.getUserByIdentity(identity.issuer, identity.subject);
    if (!user) {
      user = await accounts.getUserByEmail(normalEmail(identity.email));
      // An unverified address could be anyone's: it never opens the account that has it.
      if (user && !identity.emailVerified)
        throw new AccountRefusal(
          409,
          'An account with this e-mail exists, and the identity provider did not verify the address. Sign in with your password, or ask an admin.',
        );
      if (!user) {
        const first = await this.needsSetup();
        user = this.newUser(identity.email, identity.name, identity.avatarUrl);
        await this.createUser(user, undefined, ctx);
        const workspace = await this.defaultWorkspace();
        await this.join(
          workspace.id,
          user,
          first || identity.admin ? 'admin' : 'member',
          ctx,
          user,
        );
      }
      await accounts.linkIdentity(user.id, identity.issuer, identity.subject);
    }
    if (user.disabled) throw new AccountRefusal(403, 'This account is disabled.');
    const patch = { name: identity.name || user.name, avatarUrl: identity.avatarUrl };
    await accounts.updateUser(user.id, patch);
    if (identity.admin) await this.promoteAdmin(user, ctx);
    await this.audit('sign-in', ctx, { actor: user, detail: { method: 'oidc' } });
    return { ...user, ...patch };
  }

  /** A one-time reset link's new password; the user's sessions end (they sign in anew). */
  async resetPassword(secret: string, password: string, ctx: RequestContext) {
    const userId = await this.deps.accounts.usePasswordReset(hashSecret(secret), this.iso());
    const user = userId ? await this.deps.accounts.getUser(userId) : null;
    if (!user) throw new AccountRefusal(410, 'This reset link was used or has expired.');
    await this.setPassword(user, password, ctx);
    return user;
  }

  async setPassword(user: UserRecord, password: string, ctx: RequestContext): Promise<void> {
    const problem = passwordProblem(password, user.email);
    if (problem) throw new AccountRefusal(400, problem, 'password');
    await this.deps.accounts.setPasswordHash(
      user.id,
      await hashPassword(password, this.deps.passwordCost),
    );
    await this.deps.accounts.deleteUserSessions(user.id);
    await this.audit('password-changed', ctx, { actor: user, target: user.id });
  }

  private async promoteAdmin(user: UserRecord, ctx: RequestContext): Promise<void> {
    const workspace = await this.defaultWorkspace();
    const member = await this.deps.accounts.getMember(workspace.id, user.id);
    if (member?.role !== 'admin') await this.join(workspace.id, user, 'admin', ctx, null);
  }

  private async join(
    workspaceId: string,
    user: UserRecord,
    role: WorkspaceRole,
    ctx: RequestContext,
    actor: UserRecord | null,
  ): Promise<void> {
    await this.deps.accounts.putMember({
      workspaceId,
      userId: user.id,
      role,
      joinedAt: this.iso(),
    });
    await this.audit('member-added', ctx, {
      workspaceId,
      actor,
      actorLabel: actor ? undefined : 'single sign-on',
      target: user.id,
      detail: { role },
    });
  }

  private newUser(email: string, name: string, avatarUrl: string | null): UserRecord {
    const at = this.iso();
    return {
      id: nanoid(12),
      email: normalEmail(email),
      name: name.trim() || normalEmail(email).split('@')[0]!,
      avatarUrl,
      createdAt: at,
      lastActiveAt: at,
      disabled: false,
    };
  }

  private async createLocalUser(input: NewAccount, ctx: RequestContext): Promise<UserRecord> {
    const email = normalEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AccountRefusal(400, problem, 'password');
    const user = this.newUser(email, input.name, null);
    await this.createUser(user, await hashPassword(input.password, this.deps.passwordCost), ctx);
    return user;
  }

  private async createUser(user: UserRecord, hash: string | undefined, ctx: RequestContext) {
    try {
      await this.deps.accounts.createUser(user, hash);
    } catch (err) {
      if (err instanceof EmailTaken)
        throw new AccountRefusal(
          409,
          'An account with this e-mail exists; sign in instead.',
          'email',
        );
      throw err;
    }
    await this.audit('account-created', ctx, { actor: user, target: user.id });
  }

  private spend(answer: { ok: true } | { ok: false; retryAfterSeconds: number }): void {
    if (answer.ok) return;
    const minutes = Math.ceil(answer.retryAfterSeconds / 60);
    throw new AccountRefusal(
      429,
      `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      undefined,
      answer.retryAfterSeconds,
    );
  }
}
