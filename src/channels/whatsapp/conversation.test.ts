// A whole conversation in Hindi, through signed webhooks, against the local Graph API stand-in: the
// citizen chooses Hindi, describes the problem, picks the category from the list, shares their
// location and a photo, confirms, and gets the reference number; asks for its status; a voice note
// gets a polite answer and blocks nothing; a retried webhook registers nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../../test/factories.ts';
import { jpeg, SECRETS } from '../../../test/files.ts';
import {
  type Graph,
  startGraph,
  startWhatsAppApp,
  type WaMessage,
  waMessage,
  webhookBody,
} from '../../../test/graph.ts';
import type { Database } from '../../db/index.ts';

describe.each(databases)('WhatsApp conversation on $name', ({ open }) => {
  let database: Database;
  let graph: Graph;
  let wa: Awaited<ReturnType<typeof startWhatsAppApp>>;
  let d: Deployment;
  beforeAll(async () => {
    database = await open();
    graph = await startGraph();
    wa = await startWhatsAppApp(database, graph);
    d = await buildDeployment(wa.deps);
    // The village's point, so a shared location finds it.
    await database.db
      .updateTable('places')
      .set({ latitude: 23.6345, longitude: 76.9876 })
      .where('id', '=', d.village.id)
      .execute();
  });
  afterAll(async () => {
    await wa?.app.close();
    await graph?.close();
    await database?.close();
  });

  const from = '919812355501';
  /** Sends one message as the citizen; returns what we answered to it. */
  const say = async (message: WaMessage) => {
    const before = graph.sent.length;
    const response = await wa.deliver(webhookBody(graph.config.phoneNumberId, { messages: [message] }));
    expect(response.statusCode).toBe(200);
    return graph.sent.slice(before);
  };
  const text = (body: string) => waMessage(from, 'text', { body });
  const tap = (id: string, title: string, kind = 'button_reply') =>
    waMessage(from, 'interactive', { type: kind, [kind]: { id, title } });

  it('registers a grievance in Hindi from the first message to the reference number, with location and photo', async () => {
    const hello = await say(text('नमस्ते'));
    expect(hello).toHaveLength(1);
    expect(hello[0]?.to).toBe(`+${from}`);
    expect(hello[0]?.body).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
    expect(JSON.stringify(hello[0]?.body)).toContain('lang:hi');

    const describePrompt = await say(tap('lang:hi', 'हिन्दी'));
    expect(describePrompt[0]?.text).toContain('अपनी समस्या');

    const description = 'स्कूल के पास का हैंडपंप एक हफ्ते से खराब है, पानी नहीं आ रहा';
    const categories = await say(text(description));
    expect(categories[0]?.body).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
    const rows = (
      (categories[0]?.body ?? {}) as {
        interactive: { action: { sections: { rows: { id: string; title: string }[] }[] } };
      }
    ).interactive.action.sections[0]?.rows;
    // Suggested from the description: the hand pump first, in Hindi.
    expect(rows?.[0]).toMatchObject({ id: `cat:${d.category.id}`, title: 'हैंडपंप खराब' });

    const placePrompt = await say(tap(`cat:${d.category.id}`, 'हैंडपंप खराब', 'list_reply'));
    expect(placePrompt[0]?.text).toContain('लोकेशन');

    const photoPrompt = await say(
      waMessage(from, 'location', { latitude: 23.6351, longitude: 76.9869, name: 'सरकारी स्कूल' }),
    );
    expect(photoPrompt[0]?.text).toContain('फ़ोटो');

    const photo = jpeg({ exif: true });
    graph.addMedia('media-778', photo, 'image/jpeg');
    const confirm = await say(
      waMessage(from, 'image', { id: 'media-778', mime_type: 'image/jpeg', caption: 'हैंडपंप' }),
    );
    expect(confirm.map((s) => s.text)).toEqual(['फ़ोटो जुड़ गई।', expect.stringContaining(description)]);
    expect(confirm[1]?.text).toContain('Kachnariya');
    expect(confirm[1]?.text).toContain('फ़ोटो: 1');

    const confirming = tap('confirm:yes', 'दर्ज करें');
    const done = await say(confirming);
    expect(done).toHaveLength(1);
    const reference = /\*([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})\*/.exec(done[0]?.text ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(done[0]?.text).toContain('आपकी शिकायत दर्ज हो गई है');
    expect(done[0]?.text).toContain('लोक स्वास्थ्य यांत्रिकी');

    const g = await database.db
      .selectFrom('grievances as g')
      .innerJoin('citizens as c', 'c.id', 'g.citizen_id')
      .selectAll('g')
      .select(['c.phone', 'c.language as citizenLanguage'])
      .where('g.reference', '=', reference as string)
      .executeTakeFirstOrThrow();
    expect(g).toMatchObject({
      channel: 'whatsapp',
      language: 'hi',
      description,
      category_id: d.category.id,
      place_id: d.village.id,
      latitude: 23.6351,
      longitude: 76.9869,
      status: 'assigned',
      phone: `+${from}`,
      citizenLanguage: 'hi',
      anonymous: false,
    });
    // The photo is the grievance's attachment, uploaded by the citizen, its metadata stripped.
    const attachments = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('grievance_id', '=', g.id)
      .execute();
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({
      uploader_kind: 'citizen',
      uploader_id: g.citizen_id,
      media_type: 'image/jpeg',
    });
    expect(Buffer.from(attachments[0]?.content as Uint8Array).includes(SECRETS.serial)).toBe(false);
    expect(await database.db.selectFrom('whatsapp_media').selectAll().execute()).toHaveLength(0);
    // Every message both ways is on the citizen's history, linked to the grievance.
    const history = await database.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .select(['i.direction', 'i.summary'])
      .where('ig.grievance_id', '=', g.id)
      .orderBy('i.id')
      .execute();
    expect(history.filter((h) => h.direction === 'inbound')).toHaveLength(7);
    expect(history.filter((h) => h.direction === 'outbound')).toHaveLength(8);
    expect(history.at(-1)?.summary).toContain(reference);

    // Meta retries the confirmation: nothing is registered or sent twice.
    const retried = await wa.deliver(webhookBody(graph.config.phoneNumberId, { messages: [confirming] }));
    expect(retried.statusCode).toBe(200);
    expect(graph.sent.length).toBe(graph.sent.indexOf(done[0] as never) + 1);
    const count = await database.db
      .selectFrom('grievances')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('citizen_id', '=', g.citizen_id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // Their status, in Hindi, as the portal names it.
    const status = await say(text(`STATUS ${(reference as string).toLowerCase()}`));
    expect(status[0]?.text).toContain(reference);
    expect(status[0]?.text).toContain('अधिकारी के पास');
    // Someone else's reference is not found from this phone.
    const other = await say(waMessage('919812355502', 'text', { body: `STATUS ${reference}` }));
    expect(other[0]?.text).not.toContain(reference);
  });

  it('answers a voice note politely and carries on with the conversation', async () => {
    const voice = await say(
      waMessage(from, 'audio', { id: 'voice-1', mime_type: 'audio/ogg; codecs=opus', voice: true }),
    );
    expect(voice[0]?.text).toContain('क्षमा करें');
    const menu = await say(tap('menu:new', 'नई शिकायत'));
    expect(menu[0]?.text).toContain('अपनी समस्या');
  });

  it('refuses a photo that is not one, or whose hash does not match, and asks again', async () => {
    graph.addMedia('media-html', Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg');
    const refused = await say(waMessage(from, 'image', { id: 'media-html', mime_type: 'image/jpeg' }));
    expect(refused[0]?.text).toContain('JPEG, PNG या WebP फ़ोटो नहीं है');
    graph.addMedia('media-tampered', jpeg(), 'image/jpeg', { sha256: '00'.repeat(32) });
    const tampered = await say(waMessage(from, 'image', { id: 'media-tampered', mime_type: 'image/jpeg' }));
    expect(tampered[0]?.text).toContain('डाउनलोड नहीं');
    expect(await database.db.selectFrom('whatsapp_media').selectAll().execute()).toHaveLength(0);
  });
});
