// Message templates: the catalogue's words in every language, admins' overrides (audited) that the
// worker sends, with SMS part counts; and the splitting rules the counts rest on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { encodeMessage, segmentInfo, splitText } from '../channels/sms/encoding.ts';
import type { Database } from '../db/index.ts';
import type { RenderedMessage } from './adapter.ts';
import { deliverDue } from './deliver.ts';
import { catalogueTemplate, EVENTS, LANGUAGES } from './templates.ts';

describe('SMS encoding and parts', () => {
  it('counts GSM-7 septets (extension characters twice) and UCS-2 units, and splits at 153 and 67', () => {
    expect(segmentInfo('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', parts: 1 });
    expect(segmentInfo('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', parts: 2 });
    expect(segmentInfo('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, parts: 1 });
    expect(segmentInfo('क'.repeat(70))).toMatchObject({ encoding: 'ucs2', parts: 1 });
    expect(segmentInfo('क'.repeat(71))).toMatchObject({ encoding: 'ucs2', parts: 2 });
    // Swahili with a curly apostrophe is no longer GSM-7.
    expect(segmentInfo('Asante’')).toMatchObject({ encoding: 'ucs2' });
    // An escape pair is never split across parts; nor is a surrogate pair.
    const gsm = splitText(`${'a'.repeat(152)}€${'b'.repeat(20)}`);
    expect(gsm.map((p) => p.length)).toEqual([152, 21]);
    const ucs = splitText(`${'क'.repeat(66)}😀${'ख'.repeat(10)}`);
    expect(ucs[0]).toBe('क'.repeat(66));
    // Each part carries 05 00 03 ref n i.
    const { dataCoding, parts } = encodeMessage('क'.repeat(140), 42);
    expect(dataCoding).toBe(8);
    expect(parts.map((p) => [...p.subarray(0, 6)])).toEqual([
      [5, 0, 3, 42, 3, 1],
      [5, 0, 3, 42, 3, 2],
      [5, 0, 3, 42, 3, 3],
    ]);
    expect(parts[0]?.length).toBe(6 + 67 * 2);
  });

  it('has every template in every language', () => {
    for (const event of EVENTS)
      for (const language of LANGUAGES) expect(catalogueTemplate(event, 'sms', language)?.text).toBeTruthy();
  });
});

describe.each(databases)('message templates on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  it('lists each (event, channel, language) with its words and SMS part count', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/message-templates' });
    expect(res.statusCode).toBe(200);
    const { templates } = res.json();
    expect(templates).toHaveLength(EVENTS.length * 3 * 3);
    const ack = templates.find(
      (t: { event: string; channel: string; language: string }) =>
        t.event === 'grievance_registered' && t.channel === 'sms' && t.language === 'hi',
    );
    expect(ack).toMatchObject({ overridden: false, sms: { encoding: 'ucs2' } });
    expect(ack.sms.parts).toBeGreaterThan(1);
  });

  it('refuses an unknown variable, sends an override, and goes back to the catalogue; each change audited', async () => {
    const url = '/api/message-templates/grievance_registered/sms/en';
    const bad = await api.app.inject({ method: 'PUT', url, payload: { body: 'Ref {{refrence}}' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].code).toBe('template_variable_unknown');

    const saved = await api.app.inject({
      method: 'PUT',
      url,
      payload: {
        body: 'CM Helpline: complaint {{reference}} registered ({{department}}).',
        dltTemplateId: '1107161234567890123',
        sender: 'MPCMHL',
      },
    });
    expect(saved.statusCode).toBe(200);
    const g = await buildGrievance(api.deps, d, { citizen: { phone: '+919811100201' } });
    const sent: RenderedMessage[] = [];
    await deliverDue(database.db, api.clock, {
      adapters: {
        sms: {
          kind: 'sms',
          provider: 'test',
          send: async (m) => {
            sent.push(m);
            return { kind: 'sent', providerId: `tpl-${m.notificationId}` };
          },
        },
      },
    });
    const ack = sent.find((m) => m.to === '+919811100201');
    expect(ack?.text).toBe(`CM Helpline: complaint ${g.reference} registered (Public Health Engineering).`);
    expect(ack?.template).toEqual({ id: '1107161234567890123', sender: 'MPCMHL' });

    expect((await api.app.inject({ method: 'DELETE', url })).json()).toEqual({ removed: true });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'message_template')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([
      'grievance_registered:sms:en',
      'grievance_registered:sms:en',
    ]);
  });
});
