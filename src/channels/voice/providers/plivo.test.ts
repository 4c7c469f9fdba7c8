// Plivo driven over HTTP as Plivo drives an answer URL: form posts to the answer URL and to each
// element's action URL taken from our XML, signed with X-Plivo-Signature-V3 and its nonce (computed here
// from Plivo's documented algorithm, independently of the validator); requests that do not verify get 403.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import {
  type Heard,
  type Ivr,
  OPEN_HOURS,
  type Phone,
  startIvr,
  unxml,
  walkDefaultFlow,
} from '../../../../test/ivr.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';

const TOKEN = 'plivo-auth-token-for-tests';

/**
 * Plivo's V3 signing: the URL without its query, "?" and the query parameters sorted as name=value
 * joined by "&", "." and the POST parameters sorted as namevalue run together, then "." and the nonce;
 * HMAC-SHA256 with the auth token, base64.
 */
function sign(token: string, url: string, params: Record<string, string>, nonce: string) {
  const u = new URL(url);
  const query = [...u.searchParams.entries()]
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const body = Object.keys(params)
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  let data = `${u.origin}${u.pathname}`;
  if (query || body) data += `?${query}`;
  if (query && body) data += '.';
  data += body;
  return createHmac('sha256', token).update(`${data}.${nonce}`).digest('base64');
}

function heard(text: string): Heard {
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>/);
  const conference = /<Conference [^>]*>civicline-queue-(\d+)-/.exec(text);
  return {
    says: [...text.matchAll(/<Speak language="[^"]+" voice="WOMAN">([^<]*)<\/Speak>/g)].map((m) =>
      unxml(m[1] as string),
    ),
    queued: conference ? Number(conference[1]) : false,
    ends: text.includes('<Hangup/>'),
    raw: text,
  };
}

describe.each(databases)('Plivo XML on $name', ({ open }) => {
  let database: Database;
  let ivr: Ivr;
  const clock = manualClock(OPEN_HOURS);
  let serial = 0;

  beforeAll(async () => {
    database = await open();
    ivr = await startIvr(database, clock, { plivo: { authToken: TOKEN, authId: null, recordingHosts: [] } });
  }, 240_000);
  afterAll(async () => {
    await ivr?.app.close();
    await database?.close();
  });

  async function post(path: string, params: Record<string, string>, headers?: Record<string, string>) {
    const url = path.startsWith('http') ? path : `${ivr.base}${path}`;
    const nonce = `${Date.now()}${Math.random()}`.replace('.', '');
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(headers ?? {
          'x-plivo-signature-v3': sign(TOKEN, url, params, nonce),
          'x-plivo-signature-v3-nonce': nonce,
        }),
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text() };
  }

  function phone(from: string): Phone {
    const uuid = `1c0e6a0e-${Date.now()}-${++serial}`;
    // Plivo writes numbers without the +.
    const common = { CallUUID: uuid, From: from.slice(1), To: '917556000181', Direction: 'inbound' };
    let action = '';
    let redirect = '';
    let lastGetInput = false;
    const go = async (path: string, params: Record<string, string>) => {
      const res = await post(path, params);
      expect(res.status, res.text).toBe(200);
      lastGetInput = res.text.includes('<GetInput ');
      action = unxml(/action="([^"]+)"/.exec(res.text)?.[1] ?? action);
      redirect = unxml(/<Redirect method="POST">([^<]+)<\/Redirect>/.exec(res.text)?.[1] ?? '');
      return heard(res.text);
    };
    return {
      id: uuid,
      start: () => go('/webhooks/voice/plivo/call', { ...common, CallStatus: 'ringing', Event: 'StartApp' }),
      // After GetInput Plivo names the input's type; after GetDigits it sends the digits alone.
      press: (digits) =>
        go(action, {
          ...common,
          CallStatus: 'in-progress',
          Digits: digits,
          ...(lastGetInput ? { InputType: 'dtmf', Speech: '' } : {}),
        }),
      say: (speech, confidence) =>
        go(action, {
          ...common,
          CallStatus: 'in-progress',
          InputType: 'speech',
          Digits: '',
          Speech: speech,
          SpeechConfidenceScore: String(confidence),
          BilledAmount: '0.00500',
        }),
      // No keys: Plivo goes on to the Redirect after GetDigits.
      silence: () => go(redirect, { ...common, CallStatus: 'in-progress' }),
      hangUp: async () => {
        const res = await post('/webhooks/voice/plivo/hangup', {
          ...common,
          CallStatus: 'completed',
          HangupCause: 'NORMAL_CLEARING',
        });
        expect(res.status).toBe(204);
      },
    };
  }

  walkDefaultFlow('plivo', () => ({ database, clock, ivr, phone }), { speech: true });

  it('listens for keys and speech with GetInput in the caller language, with the menu phrases as hints', async () => {
    const caller = phone('+919800000077');
    const menu = await caller.start();
    expect(menu.raw).toMatch(
      /<GetInput action="[^"]+\/webhooks\/voice\/plivo\/turn\?step=0" method="POST" inputType="dtmf speech" executionTimeout="6" digitEndTimeout="auto" speechEndTimeout="auto" numDigits="1" finishOnKey="none" language="en-IN" hints="english,[^"]*हिंदी[^"]*,kiswahili" redirect="true">/,
    );
    const main = await caller.press('2');
    expect(main.raw).toContain('language="hi-IN"');
    expect(main.raw).toMatch(/hints="[^"]*शिकायत[^"]*malalamiko/);
    // A gather that only takes keys (the complaint menu) keeps GetDigits.
    const complaint = await caller.press('1');
    expect(complaint.raw).toContain('<GetDigits ');
    expect(complaint.raw).not.toContain('<GetInput ');
  });

  it('refuses requests without a valid V3 signature, and starts nothing', async () => {
    const params = { CallUUID: 'plforged', From: '919800000001', To: '917556000181', CallStatus: 'ringing' };
    const path = '/webhooks/voice/plivo/call';
    const url = `${ivr.base}${path}`;
    expect((await post(path, params, {})).status).toBe(403);
    expect(
      (
        await post(path, params, {
          'x-plivo-signature-v3': sign('another', url, params, 'n1'),
          'x-plivo-signature-v3-nonce': 'n1',
        })
      ).status,
    ).toBe(403);
    // Signed with one nonce, sent with another.
    expect(
      (
        await post(path, params, {
          'x-plivo-signature-v3': sign(TOKEN, url, params, 'n1'),
          'x-plivo-signature-v3-nonce': 'n2',
        })
      ).status,
    ).toBe(403);
    // Signed for other parameters than those sent.
    expect(
      (
        await post(
          path,
          { ...params, From: '919800000002' },
          {
            'x-plivo-signature-v3': sign(TOKEN, url, params, 'n1'),
            'x-plivo-signature-v3-nonce': 'n1',
          },
        )
      ).status,
    ).toBe(403);
    const none = await database.db
      .selectFrom('calls')
      .select('id')
      .where('provider_call_id', '=', 'plforged')
      .execute();
    expect(none).toEqual([]);
    // A rotated token: several signatures, one of them right.
    const ok = sign(TOKEN, url, { ...params, CallUUID: 'plrotated' }, 'n3');
    const rotated = await post(
      path,
      { ...params, CallUUID: 'plrotated' },
      {
        'x-plivo-signature-v3': `${sign('old', url, params, 'n3')},${ok}`,
        'x-plivo-signature-v3-nonce': 'n3',
      },
    );
    expect(rotated.status, rotated.text).toBe(200);
  });

  it('moves the flow once when Plivo posts the same action twice', async () => {
    const common = { CallUUID: 'plrepeat', From: '919800000099', To: '917556000181' };
    const menu = await post('/webhooks/voice/plivo/call', { ...common, CallStatus: 'ringing' });
    const action = unxml(/action="([^"]+)"/.exec(menu.text)?.[1] ?? '');
    expect(action).toBe(`${ivr.base}/webhooks/voice/plivo/turn?step=0`);
    const first = await post(action, { ...common, CallStatus: 'in-progress', Digits: '2' });
    const again = await post(action, { ...common, CallStatus: 'in-progress', Digits: '2' });
    expect(heard(first.text).says[0]).toMatch(/^नई शिकायत/);
    expect(again.text).toBe(first.text);
    const row = await database.db
      .selectFrom('calls')
      .select('path')
      .where('provider_call_id', '=', 'plrepeat')
      .executeTakeFirstOrThrow();
    expect(row.path.filter((s) => s.node === 'language')).toHaveLength(1);
  });
});
