import type { Response } from 'express';
import { GUEST_NAME } from '../../shared/protocol/awareness.js';
import type { Admitted } from '../auth/access.js';

/**
 * Who a REST change is by, for versions and the activity feed: a signed-in person's own name
 * (whatever the body claims), a guest's claimed name marked as a guest's, else the claim.
 */
export function vouchedAuthor(res: Response, claimed: string | undefined): string | undefined {
  const who = res.locals.admitted as Admitted | undefined;
  if (who?.kind === 'member' || who?.kind === 'token') return who.name;
  if (who?.kind === 'guest') return `${GUEST_NAME}${claimed ?? 'guest'}`;
  return claimed;
}
