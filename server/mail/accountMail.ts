import {
  AccountRefusal,
  type AccountService,
  type RequestContext,
} from '../auth/accountService.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { HourlyLimiter, LimiterAnswer } from '../http/hourlyLimiter.js';
import type { Logger } from '../logger.js';
import type { InvitationRecord, UserRecord } from '../storage/accounts.js';
import type { Mailer } from './mailer.js';
import { invitationMail, passwordResetMail } from './templates.js';

/** A mailed reset link lives an hour (an admin-made one a day: it travels by hand). */
export const MAILED_RESET_MINUTES = 60;

export interface AccountMailDeps {
  mailer: Mailer;
  service: AccountService;
  /** `PUBLIC_URL`: links in mail never come from a request's Host. */
  publicUrl: string;
  /** "Forgot password?" requests per address and per client address. */
  limits: { perEmail: HourlyLimiter; perAddress: HourlyLimiter };
  log: Logger;
  now?: () => number;
}

/** The two account e-mails: a reset link asked for on the sign-in page, an invitation. */
export class AccountMail {
  private readonly now: () => number;

  constructor(private readonly deps: AccountMailDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * "Forgot password?": refuses (429) past the limits, else returns at once, before anything is
   * looked up, so the answer and its timing are the same for every address. The reset is mailed
   * in the background when the address has a local account (a password; not one signed in only
   * by single sign-on) that is not disabled.
   */
  requestPasswordReset(email: string, ctx: RequestContext): void {
    const { limits, log } = this.deps;
    spend(limits.perAddress.take(ctx.ip ?? 'unknown'));
    spend(limits.perEmail.takeKey(email));
    void this.mailPasswordReset(email, ctx).catch((err: unknown) =>
      log.error({ err }, 'a password reset e-mail could not be queued'),
    );
  }

  private async mailPasswordReset(email: string, ctx: RequestContext): Promise<void> {
    const { service, mailer } = this.deps;
    const { accounts } = service;
    const user = await accounts.getUserByEmail(email);
    const local = user && !user.disabled && (await accounts.getPasswordHash(user.id)) !== null;
    if (user && local) {
      const secret = newSecret();
      const secretHash = hashSecret(secret);
      await accounts.createPasswordReset({
        secretHash,
        userId: user.id,
        expiresAt: new Date(this.now() + MAILED_RESET_MINUTES * 60_000).toISOString(),
        used: false,
      });
      const workspace = await this.homeWorkspaceName(user);
      await mailer.enqueueMail({
        to: user.email,
        kind: 'password-reset',
        dedupeKey: `password-reset:${secretHash}`,
        ...passwordResetMail({
          workspaceName: workspace,
          link: `${this.deps.publicUrl}/reset#secret=${secret}`,
          validMinutes: MAILED_RESET_MINUTES,
        }),
      });
    }
    await service.audit('password-reset-requested', ctx, {
      actor: null,
      actorLabel: email,
      target: user?.id ?? null,
      detail: { mailed: Boolean(local) },
    });
  }

  /** An invitation for one address, mailed with its link; the subject names who invites where. */
  async mailInvitation(invitation: InvitationRecord, secret: string, inviter: UserRecord) {
    const { service, mailer, publicUrl } = this.deps;
    if (!invitation.email) return;
    const workspace = await service.accounts.getWorkspace(invitation.workspaceId);
    await mailer.enqueueMail({
      to: invitation.email,
      kind: 'invitation',
      dedupeKey: `invitation:${invitation.secretHash}`,
      ...invitationMail({
        workspaceName: workspace?.name ?? '',
        inviterName: inviter.name,
        role: invitation.role,
        link: `${publicUrl}/signup#invite=${secret}`,
        expiresAt: invitation.expiresAt,
      }),
    });
  }

  private async homeWorkspaceName(user: UserRecord): Promise<string> {
    const { accounts } = this.deps.service;
    const [first] = await accounts.listUserWorkspaces(user.id);
    return first?.name ?? (await accounts.getDefaultWorkspace())?.name ?? 'journeyboard';
  }
}

function spend(answer: LimiterAnswer): void {
  if (!answer.ok)
    throw new AccountRefusal(
      429,
      'Too many reset requests; try again later.',
      undefined,
      answer.retryAfterSeconds,
    );
}
