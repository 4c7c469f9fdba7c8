// The link in a resolution email that lets the citizen say whether they were satisfied without signing
// in. It is a capability, so it is narrow: signed (HMAC-SHA256 under a key derived from the deployment
// secret for this one purpose), bound to the grievance, the citizen and the resolution event it asks
// about, and expiring. It carries no state of its own: it stops working once that resolution is
// answered (the grievance is no longer resolved) or superseded (reopened and resolved again: a newer
// resolution event), which answer.ts checks under the grievance's lock.
//
//   <grievance id>.<citizen id>.<resolution event id>.<expiry, unix seconds>.<mac>
//
// Opening the link (GET) only shows the question; answering is a POST from the page, so a mail
// scanner that fetches every link in a message cannot answer for the citizen.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deploymentKey } from '../access/secrets.ts';

const PURPOSE = 'resolution-feedback-link-v1';

export interface FeedbackClaim {
  grievanceId: number;
  citizenId: number;
  resolutionId: number;
  expiresAt: Date;
}

const mac = (body: string) =>
  createHmac('sha256', deploymentKey(PURPOSE)).update(`${PURPOSE}:${body}`).digest().subarray(0, 18);

export function signFeedbackLink(claim: FeedbackClaim): string {
  const body = [
    claim.grievanceId,
    claim.citizenId,
    claim.resolutionId,
    Math.floor(claim.expiresAt.getTime() / 1000),
  ].join('.');
  return `${body}.${mac(body).toString('base64url')}`;
}

/** The claim a token makes, if we signed it (expiry not checked here: the caller says which it was). */
export function readFeedbackLink(token: string): FeedbackClaim | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const numbers = parts.slice(0, 4);
  if (!numbers.every((n) => /^[0-9]{1,15}$/.test(n))) return null;
  const given = Buffer.from(parts[4] as string, 'base64url');
  const expected = mac(numbers.join('.'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [grievanceId, citizenId, resolutionId, expires] = numbers.map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { grievanceId, citizenId, resolutionId, expiresAt: new Date(expires * 1000) };
}

/** The two addresses a resolution email carries: the page, with the answer chosen in advance. */
export function feedbackUrls(publicUrl: string, token: string, language: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}/feedback?token=${encodeURIComponent(token)}&lang=${language}`;
  return { yes: `${base}&answer=yes`, no: `${base}&answer=no` };
}
