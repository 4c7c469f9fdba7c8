// Attachments through the API on a real database: types decided by content, refusals that store
// nothing, metadata gone before storage, the grievance's own access rules (404 out of scope), anonymity
// towards the department, proof linked to the resolve event, and rows that cannot be edited.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { form, jpeg, pdf, png, REFUSED, SECRETS, type Upload, webp } from '../../test/files.ts';
import { apiCaller, type Caller, citizenCaller, PUBLIC_CALLER, staffCaller } from '../../test/principals.ts';
import { anonymiseExpired } from '../access/data-protection.ts';
import type { Database } from '../db/index.ts';
import { getPosition } from '../directory/index.ts';
import { getGrievance, transition } from '../grievances/index.ts';

const MB = 1024 * 1024;

describe.each(databases)('attachments on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let officer: Caller;
  let phones = 0;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    officer = await staffCaller(api.raw, database, api.clock, 'officer', [], officerId);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  /** A grievance raised by a citizen who is signed in as `caller`. */
  async function citizenWithGrievance(overrides: Parameters<typeof buildGrievance>[2] = {}) {
    const phone = `+9198765${String(++phones).padStart(5, '0')}`;
    const g = await buildGrievance(api.deps, d, { citizen: { phone, name: 'Sunita Devi' }, ...overrides });
    const caller = await citizenCaller(api.raw, database, `citizen ${phone}`, phone);
    return { ...g, phone, caller };
  }

  const upload = (caller: Caller, reference: string, uploads: Upload[], query = '') =>
    api.raw.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/attachments${query}`,
      headers: caller.headers,
      payload: form(...uploads),
    });
  const list = (caller: Caller, reference: string) =>
    api.raw.inject({ url: `/api/grievances/${reference}/attachments`, headers: caller.headers });
  const download = (caller: Caller, url: string, headers: Record<string, string> = {}) =>
    api.raw.inject({ url, headers: { ...caller.headers, ...headers } });
  const stored = async () =>
    Number(
      (
        await database.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes photos and PDFs by their content, whatever name and type the sender claims', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const res = await upload(caller, reference, [
      { bytes: jpeg(), name: 'notes.txt', type: 'text/plain' },
      { bytes: png(), name: 'scan.pdf', type: 'application/pdf' },
      { bytes: webp(), name: 'page.html', type: 'text/html' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items.map((a: { mediaType: string }) => a.mediaType)).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
    ]);
    expect(items.map((a: { fileName: string }) => a.fileName)).toEqual([
      'notes.jpg',
      'scan.png',
      'page.webp',
    ]);
    expect(items[0]).toMatchObject({ kind: 'evidence', uploadedBy: { kind: 'citizen' }, eventId: null });

    const document = await upload(caller, reference, [
      { bytes: pdf(), name: 'photo.jpg', type: 'image/jpeg' },
    ]);
    expect(document.statusCode, document.body).toBe(201);
    expect(document.json().items[0]).toMatchObject({ mediaType: 'application/pdf', fileName: 'photo.pdf' });

    const listed = await list(caller, reference);
    expect(listed.json().items).toHaveLength(4);
  });

  it('serves files so they can never run as a page of ours', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const [photo, document] = (
      await upload(caller, reference, [
        { bytes: jpeg(), name: 'हैंडपंप.jpg' },
        { bytes: pdf(), name: 'report.pdf' },
      ])
    ).json().items;

    const image = await download(caller, photo.url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(image.headers['content-security-policy']).toContain("default-src 'none'");
    expect(image.headers['content-disposition']).toBe(
      `inline; filename="_______.jpg"; filename*=UTF-8''${encodeURIComponent('हैंडपंप.jpg')}`,
    );
    expect(image.rawPayload.length).toBe(photo.size);
    expect(createHash('sha256').update(image.rawPayload).digest('hex')).toBe(photo.sha256);
    expect(image.headers.etag).toBe(`"${photo.sha256}"`);
    expect(image.headers['cache-control']).toBe('private, no-cache');
    const again = await download(caller, photo.url, { 'if-none-match': `"${photo.sha256}"` });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    // A PDF is only ever a download, never shown inside our origin.
    const file = await download(caller, document.url);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="report.pdf"/);
    expect(file.rawPayload).toEqual(pdf());

    const missing = await download(caller, `/api/grievances/${reference}/attachments/999999`);
    expect(missing.statusCode).toBe(404);
  });

  it('refuses web pages, SVG, programs, GIFs and fakes with 415, and stores nothing', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const before = await stored();
    const refused: [Upload, RegExp][] = [
      [{ bytes: REFUSED.html, name: 'photo.jpg', type: 'image/jpeg' }, /is a web page/],
      [{ bytes: REFUSED.svg, name: 'pump.svg', type: 'image/svg+xml' }, /is an SVG drawing/],
      [{ bytes: REFUSED.exe, name: 'pump.jpg', type: 'image/jpeg' }, /is a program/],
      [{ bytes: REFUSED.gif, name: 'pump.gif', type: 'image/gif' }, /is a GIF image/],
      [{ bytes: REFUSED.fakeJpeg, name: 'pump.jpg', type: 'image/jpeg' }, /damaged or not really one/],
    ];
    for (const [file, message] of refused) {
      const res = await upload(caller, reference, [file]);
      expect(res.statusCode, file.name).toBe(415);
      expect(res.json().code).toBe('unsupported_media_type');
      expect(res.json().message).toMatch(message);
    }
    // A good file beside a bad one: neither is stored.
    const mixed = await upload(caller, reference, [
      { bytes: jpeg() },
      { bytes: REFUSED.html, name: 'x.png' },
    ]);
    expect(mixed.statusCode).toBe(415);
    expect(await stored()).toBe(before);
    const empty = await upload(caller, reference, [{ bytes: new Uint8Array(), name: 'empty.jpg' }]);
    expect(empty.statusCode).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('refuses a file over 5 MB, or too many files, with 413, and stores nothing', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const before = await stored();
    const big = Buffer.concat([jpeg(), Buffer.alloc(5 * MB)]);
    const res = await upload(caller, reference, [{ bytes: jpeg() }, { bytes: big, name: 'huge.jpg' }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
    expect(res.json().message).toContain('at most 5 MB; "huge.jpg" is larger');
    const many = await upload(
      caller,
      reference,
      [1, 2, 3, 4].map(() => ({ bytes: jpeg() })),
    );
    expect(many.statusCode).toBe(413);
    expect(many.json().message).toContain('at most 3 files');
    expect(await stored()).toBe(before);
    // Just under the limit is fine (the padding after the image's end is cut off when stored).
    const fits = await upload(caller, reference, [
      { bytes: Buffer.concat([jpeg(), Buffer.alloc(5 * MB - 2000)]) },
    ]);
    expect(fits.statusCode, fits.body).toBe(201);
    expect(fits.json().items[0].size).toBeLessThan(2000);
    // A document near the limit is stored and served whole (PDFs are kept byte for byte).
    const bigPdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%'),
      Buffer.alloc(5 * MB - 100, 0x41),
      Buffer.from('\n%%EOF\n'),
    ]);
    const document = await upload(caller, reference, [{ bytes: bigPdf, name: 'survey.pdf' }]);
    expect(document.statusCode, document.body).toBe(201);
    expect(document.json().items[0].size).toBe(bigPdf.length);
    const served = (await download(caller, document.json().items[0].url)).rawPayload;
    expect(served.equals(bigPdf)).toBe(true); // (toEqual compares 5 MB byte by byte, slowly)
  });

  it('removes the GPS position, camera serial, names and places before storing a photo', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const original = jpeg({ orientation: 6, xmp: true, iptc: true, comment: true });
    expect(Object.values(SECRETS).every((s) => original.includes(s))).toBe(true);
    const [photo, drawing] = (
      await upload(caller, reference, [{ bytes: original }, { bytes: png() }, { bytes: webp() }])
    ).json().items;
    for (const item of [photo, drawing]) {
      const row = await database.db
        .selectFrom('attachments')
        .select('content')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      const bytes = Buffer.from(row.content as Uint8Array);
      expect(Object.values(SECRETS).filter((s) => bytes.includes(s))).toEqual([]);
      const served = (await download(caller, item.url)).rawPayload;
      expect(served).toEqual(bytes);
    }
  });

  it('follows the grievance: another citizen, an officer elsewhere and readers who may not act are refused', async () => {
    const { reference, caller: owner } = await citizenWithGrievance();
    const { caller: stranger } = await citizenWithGrievance();
    const evidence = (await upload(owner, reference, [{ bytes: jpeg() }])).json().items[0];
    const notFound = (
      await api.raw.inject({ url: `/api/grievances/${reference}`, headers: stranger.headers })
    ).json();
    expect(notFound.code).toBe('not_found');

    // Out of scope: exactly the grievance's own 404, for upload, list and download alike.
    const elsewhere = await buildGrievance(api.deps, d, { placeId: d.otherDistrict.id });
    for (const [who, ref] of [
      [stranger, reference],
      [officer, elsewhere.reference],
    ] as const) {
      const expected = (await api.raw.inject({ url: `/api/grievances/${ref}`, headers: who.headers })).json();
      for (const res of [
        await upload(who, ref, [{ bytes: jpeg() }]),
        await list(who, ref),
        await download(who, `/api/grievances/${ref}/attachments/${evidence.id}`),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual(expected);
      }
    }
    // An attachment is reached only through its own grievance.
    const { reference: mine, caller: me } = await citizenWithGrievance();
    expect((await download(me, `/api/grievances/${mine}/attachments/${evidence.id}`)).statusCode).toBe(404);

    // Readers who may not act, and the wrong kind for the caller.
    const monitor = await apiCaller(database, api.clock, 'monitor', [
      { role: 'monitor', placeId: d.district.id },
    ]);
    expect((await list(monitor, reference)).statusCode).toBe(200);
    expect((await upload(monitor, reference, [{ bytes: jpeg() }])).statusCode).toBe(403);
    expect((await upload(owner, reference, [{ bytes: jpeg() }], '?kind=proof')).statusCode).toBe(403);
    expect((await upload(officer, reference, [{ bytes: jpeg() }], '?kind=evidence')).statusCode).toBe(403);
    const agent = await apiCaller(database, api.clock, 'agent', [{ role: 'agent' }]);
    const onBehalf = await upload(agent, reference, [{ bytes: jpeg() }], '?kind=evidence');
    expect(onBehalf.statusCode, onBehalf.body).toBe(201);
    expect((await upload(PUBLIC_CALLER, reference, [{ bytes: jpeg() }])).statusCode).toBe(401);

    // Evidence only while the grievance is open.
    await transition(
      database.db,
      api.clock,
      reference,
      { type: 'resolve', note: 'Fixed' },
      { kind: 'system', id: null },
    );
    const late = await upload(owner, reference, [{ bytes: jpeg() }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('reopen it first');
  });

  it("shows the department an anonymous citizen's photos but not who sent them or what they were called", async () => {
    const { reference, phone, caller } = await citizenWithGrievance({ anonymous: true });
    const citizenId = (
      await database.db
        .selectFrom('citizens')
        .select('id')
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow()
    ).id;
    const name = `Sunita Devi ${phone}.jpg`;
    const res = await upload(caller, reference, [{ bytes: jpeg({ xmp: true }), name }]);
    expect(res.statusCode, res.body).toBe(201);
    const mine = res.json().items[0];
    expect(mine.fileName).toBe(name); // the citizen sees their own
    expect((await upload(caller, reference, [{ bytes: pdf() }])).json().message).toContain('photos only');

    const supervisor = await staffCaller(api.raw, database, api.clock, 'supervisor', [
      { role: 'supervisor' },
    ]);
    const department = [
      officer,
      supervisor,
      await apiCaller(database, api.clock, 'agent', [{ role: 'agent' }]),
      await apiCaller(database, api.clock, 'monitor', [{ role: 'monitor' }]),
      await apiCaller(database, api.clock, 'auditor', [{ role: 'auditor' }]),
    ];
    const leaks = (text: string) =>
      ['Sunita', phone.slice(3), SECRETS.author, `"id":${citizenId}`].filter((s) => text.includes(s));
    for (const who of department) {
      const listed = await list(who, reference);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items[0]).toMatchObject({
        fileName: null,
        uploadedBy: { kind: 'citizen', id: null },
      });
      expect(leaks(listed.body), who.name).toEqual([]);
      const file = await download(who, mine.url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toContain(`filename="${reference}-${mine.id}.jpg"`);
      expect(leaks(String(file.headers['content-disposition'])), who.name).toEqual([]);
      expect(leaks(file.rawPayload.toString('latin1')), who.name).toEqual([]);
    }
    // Staff reading a citizen's photo is recorded, like reading the grievance.
    const reads = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'data'])
      .where('action', '=', 'attachment.read')
      .where('entity_id', '=', reference)
      .execute();
    expect(reads).toHaveLength(department.length);
  });

  it('links proof uploaded first to the resolve event, in the transaction that resolves', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const evidence = (await upload(caller, reference, [{ bytes: jpeg() }])).json().items[0];
    const proof = (await upload(officer, reference, [{ bytes: jpeg(), name: 'repaired pump.jpg' }])).json()
      .items[0];
    expect(proof).toMatchObject({ kind: 'proof', eventId: null, uploadedBy: { kind: 'officer' } });
    const other = await citizenWithGrievance();
    const elsewhere = (await upload(officer, other.reference, [{ bytes: png() }])).json().items[0];

    const resolve = (attachmentIds: number[], type = 'resolve') =>
      api.raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/actions`,
        headers: officer.headers,
        payload: { type, note: 'Replaced the hand pump washer', attachmentIds },
      });
    const events = async () =>
      (await api.app.inject({ url: `/api/grievances/${reference}/history` })).json().events;
    const eventsBefore = (await events()).length;
    for (const [ids, message] of [
      [[evidence.id], "citizen's evidence, not proof"],
      [[elsewhere.id], 'not an attachment of this grievance'],
      [[proof.id, 999999], 'not an attachment of this grievance'],
    ] as const) {
      const res = await resolve([...ids]);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
    }
    expect((await resolve([proof.id], 'note')).json().message).toContain('only a resolve');
    // Refused as a whole: still unresolved, no event written, nothing linked.
    expect((await getGrievance(database.db, reference)).status).toBe('assigned');
    expect(await events()).toHaveLength(eventsBefore);

    const done = await resolve([proof.id]);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('resolved');
    const resolved = (await events()).at(-1);
    expect(resolved).toMatchObject({ kind: 'resolved', data: { attachmentIds: [proof.id] } });
    const attachments = (await list(caller, reference)).json().items;
    expect(attachments.find((a: { id: number }) => a.id === proof.id)).toMatchObject({
      eventId: resolved.id,
      uploadedBy: { kind: 'officer', id: null }, // the citizen sees an officer, not which account
      fileName: 'repaired pump.jpg',
    });
    expect(attachments.find((a: { id: number }) => a.id === evidence.id).eventId).toBeNull();

    // Proof belongs to one resolution only; after a reopen the next resolve brings its own.
    await transition(
      database.db,
      api.clock,
      reference,
      { type: 'reopen', note: 'Broke again' },
      { kind: 'system', id: null },
    );
    const again = await resolve([proof.id]);
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain('already belongs to an earlier action');
  });

  it("links a citizen's photos to their reply to a request for information, and the clock resumes", async () => {
    const { reference, phone } = await citizenWithGrievance();
    const act = (who: Caller, payload: object) =>
      api.raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/actions`,
        headers: who.headers,
        payload,
      });
    expect(
      (await act(officer, { type: 'request_info', note: 'Which hand pump: near the school or the temple?' }))
        .statusCode,
    ).toBe(200);
    const paused = await getGrievance(database.db, reference);
    expect(paused.status).toBe('awaiting_info');
    const proof = (await upload(officer, reference, [{ bytes: jpeg() }], '?kind=proof')).statusCode;
    expect(proof).toBe(409); // proof only while assigned or in progress

    api.clock.advance(3 * 3600 * 1000); // the citizen answers three hours later, signing in again
    const caller = await citizenCaller(api.raw, database, 'citizen', phone);
    const sent = await upload(caller, reference, [{ bytes: jpeg(), name: 'pump.jpg' }]);
    expect(sent.statusCode, sent.body).toBe(201);
    const photo = sent.json().items[0];
    const wrong = await act(caller, {
      type: 'provide_info',
      note: 'Near the school',
      attachmentIds: [999999],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0]).toMatchObject({ field: 'attachmentIds', code: 'attachment_unknown' });
    expect((await getGrievance(database.db, reference)).status).toBe('awaiting_info');

    const reply = await act(caller, {
      type: 'provide_info',
      note: 'Near the school',
      attachmentIds: [photo.id],
    });
    expect(reply.statusCode, reply.body).toBe(200);
    const resumed = await getGrievance(database.db, reference);
    expect(resumed.status).toBe('in_progress');
    expect(resumed.slaPausedAt).toBeNull();
    // The time spent waiting for the citizen is given back: the promise moves later.
    expect(resumed.dueAt?.getTime()).toBeGreaterThan(paused.dueAt?.getTime() as number);
    const events = (await api.app.inject({ url: `/api/grievances/${reference}/history` })).json().events;
    const answer = events.at(-1);
    expect(answer).toMatchObject({
      kind: 'info_provided',
      note: 'Near the school',
      data: { attachmentIds: [photo.id] },
    });
    const listed = (await list(officer, reference)).json().items;
    expect(listed.find((a: { id: number }) => a.id === photo.id)).toMatchObject({ eventId: answer.id });
    // A photo answers once.
    const again = await act(caller, { type: 'provide_info', note: 'again', attachmentIds: [photo.id] });
    expect(again.statusCode).toBe(409);
  });

  it('keeps attachment rows append-only: no edits, no deletes, links only within the grievance', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const item = (await upload(caller, reference, [{ bytes: jpeg() }])).json().items[0];
    const db = database.db;
    await expect(
      db
        .updateTable('attachments')
        .set({ content: Buffer.from('x') })
        .where('id', '=', item.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('attachments').set({ kind: 'proof' }).where('id', '=', item.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('attachments').where('id', '=', item.id).execute()).rejects.toThrow(
      /append-only/,
    );
    const foreign = await db
      .selectFrom('grievance_events')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable('attachments').set({ event_id: foreign.id }).where('id', '=', item.id).execute(),
    ).rejects.toThrow(/its own grievance/);
  });

  it('records every upload in the audit log, and leaves JSON routes taking JSON only', async () => {
    const { reference, caller } = await citizenWithGrievance();
    await upload(caller, reference, [{ bytes: jpeg() }]);
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'POST /api/grievances/:reference/attachments')
      .where('entity_id', '=', reference)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_kind: 'citizen', entity: 'grievance', data: { kind: 'evidence' } });
    expect((entry.data as { attachmentIds: number[] }).attachmentIds).toHaveLength(1);

    // A form sent to a JSON route is refused as before; JSON or raw bytes sent to the upload route are told what to send.
    const formToJson = await api.app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: form({ bytes: jpeg() }),
    });
    expect(formToJson.statusCode).toBe(415);
    for (const [payload, type] of [
      [JSON.stringify({ file: 'x' }), 'application/json'],
      [jpeg(), 'image/jpeg'],
    ] as const) {
      const res = await api.raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/attachments`,
        headers: { ...caller.headers, 'content-type': type },
        payload,
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().message).toContain('multipart/form-data');
    }
  });

  // Last: it moves the clock years on and anonymises everything closed before then.
  it('removes the files with the rest of the personal data after the retention period', async () => {
    const { reference, phone, caller } = await citizenWithGrievance();
    const item = (await upload(caller, reference, [{ bytes: jpeg(), name: 'my house.jpg' }])).json().items[0];
    await transition(
      database.db,
      api.clock,
      reference,
      { type: 'reject', note: 'Duplicate' },
      { kind: 'system', id: null },
    );
    const citizenId = (
      await database.db
        .selectFrom('citizens')
        .select('id')
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow()
    ).id;
    const exported = (await api.raw.inject({ url: '/api/me/export', headers: caller.headers })).json();
    expect(exported.grievances[0].attachments).toEqual([
      expect.objectContaining({ kind: 'evidence', mediaType: 'image/jpeg', fileName: 'my house.jpg' }),
    ]);
    api.clock.advance(8 * 366 * 86_400_000);
    await anonymiseExpired(database.db, api.clock);
    const row = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ content: null, file_name: null, uploader_id: null, sha256: item.sha256 });
    expect(row.purged_at).not.toBeNull();
    expect(citizenId).toBeGreaterThan(0);
    const listed = (await api.app.inject({ url: `/api/grievances/${reference}/attachments` })).json().items;
    expect(listed[0]).toMatchObject({ removed: true, fileName: null });
    expect((await api.app.inject({ url: listed[0].url })).statusCode).toBe(404);
  });
});
