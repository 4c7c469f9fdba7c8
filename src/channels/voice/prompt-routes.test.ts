// Recorded prompts end to end: an administrator uploads a take per (prompt, language) (an 8 kHz WAV
// kept as it is, a 44.1 kHz stereo one converted with sox, anything unreadable refused); TwiML <Play>s it
// and KooKoo's playaudio plays it from our URL, where providers fetch it as a WAV; the SIP path's
// promptAudio speaks it instead of the placeholder; removing it brings the placeholder back.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { type Ivr, OPEN_HOURS, startIvr, unxml } from '../../../test/ivr.ts';
import { createApiClient } from '../../access/users.ts';
import { manualClock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import { promptAudio, toWav } from './prompts/audio.ts';

const TWILIO = 'twilio-token-for-prompt-tests';
const KOOKOO = 'kookoo-token-for-prompt-tests';

/** A tone of `ms` at 8 kHz: what an administrator recorded. */
const tone = (ms: number, hz = 440) =>
  Int16Array.from({ length: (8000 * ms) / 1000 }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );

describe.each(databases)('recorded prompts on $name', ({ open }) => {
  let database: Database;
  let ivr: Ivr;
  let auth: Record<string, string>;
  const clock = manualClock(OPEN_HOURS);

  beforeAll(async () => {
    database = await open();
    ivr = await startIvr(database, clock, {
      twilio: { authToken: TWILIO, accountSid: null, recordingHosts: [] },
      kookoo: { token: KOOKOO, allowIps: [], recordingHosts: [], agentNumber: null },
    });
    const admin = await createApiClient(database.db, clock, {
      dangerousScope: true,
      name: `prompt admin ${Math.random()}`,
      grants: [{ role: 'admin' }],
    });
    auth = { authorization: `Bearer ${admin.key}` };
  }, 240_000);
  afterAll(async () => {
    await ivr?.app.close();
    await database?.close();
  });

  const upload = (key: string, language: string, body: Uint8Array, type = 'audio/wav') =>
    ivr.app.inject({
      method: 'PUT',
      url: `/api/voice/prompts/${key}/${language}`,
      headers: { ...auth, 'content-type': type },
      payload: Buffer.from(body),
    });

  it('keeps an 8 kHz WAV as it is, and every provider and the SIP path play it', async () => {
    const take = tone(700);
    const res = await upload('welcome', 'en', toWav(take));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: 'welcome', language: 'en', durationMs: 700 });
    const list = (await ivr.app.inject({ url: '/api/voice/prompts', headers: auth })).json().items as {
      key: string;
      language: string;
      recordable: boolean;
      recording: unknown;
    }[];
    expect(list.find((p) => p.key === 'welcome' && p.language === 'en')?.recording).toMatchObject({
      durationMs: 700,
    });
    expect(list.find((p) => p.key === 'district.unknown' && p.language === 'en')?.recordable).toBe(false);

    // TwiML: <Play> for the recorded prompt, <Say> for the rest.
    const url = `${ivr.base}/webhooks/voice/twilio/call`;
    const params = { CallSid: 'CAprompt1', From: '+919800000101', To: '+91181', CallStatus: 'ringing' };
    const data = Object.keys(params)
      .sort()
      .reduce((acc, k) => acc + k + params[k as keyof typeof params], url);
    const twiml = await (
      await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': createHmac('sha1', TWILIO).update(data).digest('base64'),
        },
        body: new URLSearchParams(params),
      })
    ).text();
    const play = /<Gather[^>]*><Play>([^<]+)<\/Play><Say language="en-IN">For English, press 1.<\/Say>/.exec(
      twiml,
    );
    expect(play, twiml).not.toBeNull();
    const audioUrl = unxml(play?.[1] as string);
    expect(audioUrl).toMatch(new RegExp(`^${ivr.base}/webhooks/voice/recordings/welcome/en\\.wav\\?v=\\d+$`));

    // KooKoo: playaudio with the same URL.
    const kookoo = await (
      await fetch(`${ivr.base}/webhooks/voice/kookoo/${KOOKOO}?sid=kkprompt&cid=09800000102&event=NewCall`)
    ).text();
    expect(kookoo).toContain(
      `<collectdtmf l="1" t="#" o="6000"><playaudio>${audioUrl.replace(/&/g, '&amp;')}</playaudio>`,
    );

    // What the provider fetches: the take as an 8 kHz 16-bit WAV, sample for sample.
    const wav = Buffer.from(await (await fetch(audioUrl)).arrayBuffer());
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    const samples = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
    expect(Array.from(samples)).toEqual(Array.from(take));

    // The SIP path: promptAudio gives the take, not the placeholder.
    const sip = await promptAudio(database.db, [{ key: 'welcome', params: { lang: 'en' } }], {
      dir: 'data/prompts',
    });
    expect(Array.from(sip.subarray(0, take.length))).toEqual(Array.from(take));

    // Removed: the placeholder speaks again, and providers read the text.
    const removed = await ivr.app.inject({
      method: 'DELETE',
      url: '/api/voice/prompts/welcome/en',
      headers: auth,
    });
    expect(removed.statusCode).toBe(204);
    const again = await (
      await fetch(`${ivr.base}/webhooks/voice/kookoo/${KOOKOO}?sid=kkprompt2&cid=09800000103&event=NewCall`)
    ).text();
    expect(again).toContain('>Welcome to the CivicLine helpline.</playtext>');
  });

  it('plays a take saved on another node once the change is announced', async () => {
    // Written straight to the database, as another node's upload would be: this node hears of it
    // through the reference version's announcement (0053), not through its own route.
    await database.db
      .insertInto('ivr_prompt_recordings')
      .values({
        key: 'welcome',
        language: 'en',
        pcm: new Uint8Array(tone(200).buffer),
        duration_ms: 200,
        uploaded_by: null,
        uploaded_at: clock.now(),
      })
      .execute();
    let n = 0;
    await expect
      .poll(
        async () =>
          (
            await fetch(
              `${ivr.base}/webhooks/voice/kookoo/${KOOKOO}?sid=kknode${++n}&cid=09800000104&event=NewCall`,
            )
          ).text(),
        { timeout: 10_000 },
      )
      .toContain('/webhooks/voice/recordings/welcome/en.wav?v=');
    await database.db.deleteFrom('ivr_prompt_recordings').where('key', '=', 'welcome').execute();
  });

  it('converts a 44.1 kHz stereo recording with sox', async () => {
    const wav = execFileSync(
      'sox',
      ['-n', '-r', '44100', '-c', '2', '-b', '16', '-t', 'wav', '-', 'synth', '1.5', 'sine', '300'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const res = await upload('goodbye', 'sw', wav);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().durationMs).toBe(1500);
    const row = await database.db
      .selectFrom('ivr_prompt_recordings')
      .select(['pcm', 'duration_ms'])
      .where('key', '=', 'goodbye')
      .where('language', '=', 'sw')
      .executeTakeFirstOrThrow();
    expect(row.pcm.byteLength).toBe(8000 * 1.5 * 2);
  });

  it('refuses audio it cannot read, prompts with parameters, and prompts that do not exist', async () => {
    const garbage = await upload('goodbye', 'hi', new TextEncoder().encode('this is not audio at all'));
    expect(garbage.statusCode).toBe(415);
    expect(garbage.json().details).toContainEqual(expect.objectContaining({ code: 'audio_unreadable' }));
    const templated = await upload('district.unknown', 'hi', toWav(tone(300)));
    expect(templated.statusCode).toBe(400);
    expect(templated.json().details).toContainEqual(
      expect.objectContaining({ code: 'prompt_has_parameters' }),
    );
    expect((await upload('no.such.prompt', 'hi', toWav(tone(300)))).statusCode).toBe(404);
    const rows = await database.db
      .selectFrom('ivr_prompt_recordings')
      .select('key')
      .where('language', '=', 'hi')
      .execute();
    expect(rows).toEqual([]);
  });
});
