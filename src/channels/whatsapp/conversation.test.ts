// A whole conversation in Hindi, through signed webhooks, against the local Graph API stand-in: the
// citizen chooses Hindi, describes the problem, picks the category from the list, shares their
// location and a photo, confirms, and gets the reference number; asks for its status; a voice note
// becomes a recording on a draft for an agent; a citizen may register without their name (the
// department never sees the number); a retried webhook registers nothing twice.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../test/factories.ts';
import { jpeg, SECRETS } from '../../../test/files.ts';
import {
  type Graph,
  startGraph,
  startWhatsAppApp,
  type WaMessage,
  waMessage,
  webhookBody,
} from '../../../test/graph.ts';
import { apiCaller } from '../../../test/principals.ts';
import type { Database } from '../../db/index.ts';
import { transition } from '../../grievances/index.ts';
import { feedbackActions, whatsappDelivery } from './index.ts';

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
    // Opening and migrating the embedded database takes long on a loaded two-core machine.
  }, 180_000);
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

  it('keeps a voice note as a recording on a draft for an agent, with what the conversation had', async () => {
    await say(tap('menu:new', 'नई शिकायत'));
    await say(text('गाँव की सड़क पर बड़ा गड्ढा है'));
    // An Ogg Opus voice note, as the WhatsApp app records one.
    const ogg = Buffer.concat([
      Buffer.from('OggS'),
      Buffer.alloc(2),
      Buffer.from('OpusHead'),
      Buffer.alloc(200, 7),
    ]);
    graph.addMedia('voice-1', ogg, 'audio/ogg');
    const voice = await say(
      waMessage(from, 'audio', { id: 'voice-1', mime_type: 'audio/ogg; codecs=opus', voice: true }),
    );
    expect(voice.map((s) => s.text)).toEqual([expect.stringContaining('वॉइस संदेश मिल गया है')]);
    const draft = await database.db
      .selectFrom('intake_drafts as d')
      .innerJoin('citizens as c', 'c.id', 'd.citizen_id')
      .select(['d.id', 'd.channel', 'd.text', 'd.language', 'd.interaction_id', 'd.data', 'c.phone'])
      .where('d.channel', '=', 'whatsapp')
      .orderBy('d.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({
      channel: 'whatsapp',
      language: 'hi',
      text: 'गाँव की सड़क पर बड़ा गड्ढा है',
      phone: `+${from}`,
    });
    expect(draft.interaction_id).not.toBeNull();
    expect(draft.data).toMatchObject({ voiceNote: true });
    const media = await database.db
      .selectFrom('intake_draft_media')
      .select(['media_type', 'content'])
      .where('draft_id', '=', draft.id)
      .execute();
    expect(media.map((m) => m.media_type)).toEqual(['audio/ogg']);
    expect(Buffer.from(media[0]?.content as Uint8Array).equals(ogg)).toBe(true);
    // The conversation starts afresh from the menu.
    const menu = await say(tap('menu:new', 'नई शिकायत'));
    expect(menu[0]?.text).toContain('अपनी समस्या');

    // A "voice note" that is not a recording is not kept; a sticker gets the polite answer.
    graph.addMedia('voice-html', Buffer.from('<html>hi</html>'), 'audio/ogg');
    const bad = await say(
      waMessage(from, 'audio', { id: 'voice-html', mime_type: 'audio/ogg', voice: true }),
    );
    expect(bad[0]?.text).toContain('डाउनलोड नहीं हो सका');
    const sticker = await say(waMessage(from, 'sticker', { id: 'sticker-1', mime_type: 'image/webp' }));
    expect(sticker[0]?.text).toContain('क्षमा करें');
    expect(
      await database.db
        .selectFrom('intake_draft_media')
        .select('id')
        .where('media_type', 'in', ['audio/ogg', 'audio/amr', 'audio/mp4', 'audio/mpeg'])
        .execute(),
    ).toHaveLength(1);
  });

  it('takes a voice note as the very first message, before any language is chosen', async () => {
    const phone = '919812355520';
    graph.addMedia('voice-first', Buffer.concat([Buffer.from('OggS'), Buffer.alloc(100, 1)]), 'audio/ogg');
    const answer = await say(
      waMessage(phone, 'audio', { id: 'voice-first', mime_type: 'audio/ogg', voice: true }),
    );
    expect(answer[0]?.text).toContain('voice message');
    const drafts = await database.db
      .selectFrom('intake_drafts as d')
      .innerJoin('citizens as c', 'c.id', 'd.citizen_id')
      .select('d.id')
      .where('c.phone', '=', `+${phone}`)
      .execute();
    expect(drafts).toHaveLength(1);
  });

  it('registers anonymously on request: the citizen follows it, the department never sees the number', async () => {
    const phone = '919812355530';
    const as = (m: WaMessage) => say({ ...m, from: phone });
    await as(text('hello'));
    await as(tap('lang:en', 'English'));
    const categories = await as(text('The hand pump near the school is broken, no water'));
    expect(categories[0]?.body).toMatchObject({ type: 'interactive' });
    await as(tap(`cat:${d.category.id}`, 'Hand pump', 'list_reply'));
    await as(waMessage(phone, 'location', { latitude: 23.6351, longitude: 76.9869 }));
    const confirm = await as(tap('photo:skip', 'Skip'));
    expect(JSON.stringify(confirm.at(-1)?.body)).toContain('confirm:anon');
    const done = await as(tap('confirm:anon', 'Without my name'));
    expect(done[0]?.text).toContain('without your name');
    const reference = /\*([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})\*/.exec(done[0]?.text ?? '')?.[1] as string;
    const g = await database.db
      .selectFrom('grievances')
      .select(['id', 'anonymous', 'citizen_id', 'channel'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(g).toMatchObject({ anonymous: true, channel: 'whatsapp' });

    // The department's officer reads it without the number or the citizen's id.
    const officer = await apiCaller(database, wa.clock, 'PHE officer', [{ role: 'supervisor' }]);
    for (const url of [`/api/grievances/${reference}`, `/api/grievances/${reference}/history`]) {
      const seen = await wa.app.inject({ url, headers: officer.headers });
      expect(seen.statusCode, url).toBe(200);
      expect(seen.body).not.toContain(phone);
      expect(seen.body).not.toContain(phone.slice(2));
    }
    expect(
      (await wa.app.inject({ url: `/api/grievances/${reference}`, headers: officer.headers })).json().citizen,
    ).toBeNull();
    // The citizen still follows it from WhatsApp.
    const status = await as(text(`STATUS ${reference}`));
    expect(status[0]?.text).toContain(reference);
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

  it('asks for closure feedback with buttons and a 1-5 rating: satisfied closes it, not satisfied reopens it with their words', async () => {
    const phone = '919812355509';
    await say(waMessage(phone, 'text', { body: 'hello' }));
    await say(
      waMessage(phone, 'interactive', {
        type: 'button_reply',
        button_reply: { id: 'lang:hi', title: 'हिन्दी' },
      }),
    );
    const resolved = async () => {
      const g = await buildGrievance(wa.deps, d, { citizen: { phone: `+${phone}` }, language: 'hi' });
      await transition(
        database.db,
        wa.clock,
        g.reference,
        { type: 'resolve', note: 'Pump repaired' },
        { kind: 'officer', id: null },
      );
      return g.reference;
    };
    const [first, second] = [await resolved(), await resolved()];
    // The delivery worker sends the resolution through the adapter, with the two answers as buttons.
    const adapter = whatsappDelivery(wa.deps, graph.config);
    const outcome = await adapter.send({
      notificationId: 1,
      to: `+${phone}`,
      language: 'hi',
      text: `शिकायत ${first} हल हो गई है। क्या आप संतुष्ट हैं?`,
      actions: feedbackActions(first, 'hi'),
    });
    expect(outcome.kind).toBe('sent');
    expect(graph.sent.at(-1)?.body).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        action: {
          buttons: [
            { type: 'reply', reply: { id: `fb:yes:${first}`, title: 'संतुष्ट' } },
            { type: 'reply', reply: { id: `fb:no:${first}`, title: 'संतुष्ट नहीं' } },
          ],
        },
      },
    });
    const tap = (id: string, who = phone) =>
      waMessage(who, 'interactive', { type: 'button_reply', button_reply: { id, title: '...' } });
    const status = (reference: string) =>
      database.db
        .selectFrom('grievances')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();

    // Someone else cannot answer for them (and is answered in their own language).
    expect((await say(tap(`fb:yes:${first}`, '919812355510')))[0]?.text).toContain(
      'is not waiting for your answer',
    );
    expect((await status(first)).status).toBe('resolved');

    // Satisfied: a list of ratings follows, and the chosen one closes it with the rating.
    const pick = (id: string) =>
      waMessage(phone, 'interactive', { type: 'list_reply', list_reply: { id, title: '...' } });
    const list = (sent: { body: Record<string, unknown> } | undefined) =>
      (
        sent?.body.interactive as {
          type: string;
          action: { button: string; sections: { rows: unknown[] }[] };
        }
      )?.action;
    const asked = await say(tap(`fb:yes:${first}`));
    expect(asked[0]?.text).toContain('1 (बहुत खराब) से 5 (बहुत अच्छा)');
    expect(list(asked[0])?.button).toBe('रेटिंग दें');
    expect(list(asked[0])?.sections[0]?.rows).toEqual([
      { id: 'rate:5', title: '5 – बहुत अच्छा' },
      { id: 'rate:4', title: '4 – अच्छा' },
      { id: 'rate:3', title: '3 – ठीक-ठाक' },
      { id: 'rate:2', title: '2 – खराब' },
      { id: 'rate:1', title: '1 – बहुत खराब' },
      { id: 'rate:skip', title: 'नहीं बताना चाहते' },
    ]);
    expect((await status(first)).status).toBe('resolved');
    // Something that is not a rating asks again.
    expect(list((await say(waMessage(phone, 'text', { body: 'अच्छा था' })))[0])?.button).toBe('रेटिंग दें');
    expect((await say(pick('rate:4')))[0]?.text).toContain('बंद कर दी गई');
    expect((await status(first)).status).toBe('closed');

    // Not satisfied: the rating (typed as a digit), then their words reopen it with both.
    expect(list((await say(tap(`fb:no:${second}`)))[0])?.button).toBe('रेटिंग दें');
    expect((await say(waMessage(phone, 'text', { body: '2' })))[0]?.text).toContain('अब भी क्या ठीक नहीं');
    const words = 'पंप अब भी पानी नहीं दे रहा';
    expect((await say(waMessage(phone, 'text', { body: words })))[0]?.text).toContain('फिर से खोल दी गई');
    // Both verdicts are where the portal's go (the citizen_feedback view, 0090).
    const verdicts = await sql<{ satisfied: boolean; rating: number | null; reason: string | null }>`
      select f.satisfied, f.rating, f.reason from citizen_feedback f
      join grievances g on g.id = f.grievance_id
      where g.reference in (${first}, ${second}) order by f.event_id`.execute(database.db);
    expect(verdicts.rows).toEqual([
      { satisfied: true, rating: 4, reason: null },
      { satisfied: false, rating: 2, reason: words },
    ]);
    const reopened = await status(second);
    expect(reopened).toMatchObject({ status: 'assigned', reopen_count: 1 });
    const event = await database.db
      .selectFrom('grievance_events')
      .selectAll()
      .where('grievance_id', '=', reopened.id)
      .where('kind', '=', 'reopened')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ note: words, actor_kind: 'citizen' });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'action'])
      .where('entity_id', '=', second)
      .where('action', '=', 'grievance.reopen')
      .execute();
    expect(audit).toEqual([{ actor_kind: 'citizen', action: 'grievance.reopen' }]);
  });
});
