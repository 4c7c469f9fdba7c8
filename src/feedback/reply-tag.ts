// The tag in a resolution email's reply address, reply+<reference>.<tag>@<domain>: what lets a reply of
// 1 or 2 answer "were you satisfied?". A From line proves nothing (anyone can write one), so the
// permission is the address itself, which only the citizen's copy of that email carries. Like the
// feedback link (link.ts) it is an HMAC under a key derived for this one purpose, over the grievance,
// the citizen and the resolution event the email asks about; it stops working once that resolution is
// answered or superseded (answer.ts checks under the grievance's lock). Hex, because some mail servers
// lower-case the local part: it is compared lower-cased.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deploymentKey } from '../access/secrets.ts';

const PURPOSE = 'resolution-reply-address-v1';

export interface ReplyClaim {
  grievanceId: number;
  citizenId: number;
  resolutionId: number;
}

/** 96 bits, as 24 lower-case hex digits. */
export function replyTag(claim: ReplyClaim): string {
  const body = `${PURPOSE}:${claim.grievanceId}.${claim.citizenId}.${claim.resolutionId}`;
  return createHmac('sha256', deploymentKey(PURPOSE)).update(body).digest().subarray(0, 12).toString('hex');
}

/** Whether `given` (as it arrived, any case) is the tag for this claim; constant-time. */
export function isReplyTag(given: string, claim: ReplyClaim): boolean {
  const text = given.toLowerCase();
  if (!/^[0-9a-f]{24}$/.test(text)) return false;
  return timingSafeEqual(Buffer.from(text, 'hex'), Buffer.from(replyTag(claim), 'hex'));
}
