// The per-grievance upload cap: counted in files and stored bytes per kind, refused with a stable code
// before the body is read when the grievance is already full, checked again in the writing transaction
// (two uploads at once cannot both take the last place), and configurable from the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { form, jpeg, png, type Upload } from '../../test/files.ts';
import { type Caller, citizenCaller, staffCaller } from '../../test/principals.ts';
import { readConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { getPosition } from '../directory/index.ts';
import { DEFAULT_UPLOAD_CAP } from './cap.ts';

const PHOTO = jpeg();

describe.each(databases)('the per-grievance upload cap on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let officer: Caller;
  let phones = 0;

  beforeAll(async () => {
    database = await open();
    // Four files of each kind, and room for a little over four of the test photos' bytes.
    api = await startApi(database, undefined, { uploadCap: { files: 4, bytes: PHOTO.length * 4 + 100 } });
    d = await buildDeployment(api.deps);
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    officer = await staffCaller(api.raw, database, api.clock, 'officer', [], officerId);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  async function citizenWithGrievance() {
    const phone = `+9198766${String(++phones).padStart(5, '0')}`;
    const g = await buildGrievance(api.deps, d, { citizen: { phone } });
    return { ...g, caller: await citizenCaller(api.raw, database, 'citizen', phone) };
  }
  const upload = (caller: Caller, reference: string, uploads: Upload[]) =>
    api.raw.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/attachments`,
      headers: caller.headers,
      payload: form(...uploads),
    });
  const held = async (reference: string, kind: 'evidence' | 'proof') =>
    (
      await database.db
        .selectFrom('attachments as a')
        .innerJoin('grievances as g', 'g.id', 'a.grievance_id')
        .select('a.id')
        .where('g.reference', '=', reference)
        .where('a.kind', '=', kind)
        .execute()
    ).length;

  it('refuses files past the count with grievance_files_full, storing nothing, and leaves the proof its own room', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const photo = { bytes: PHOTO };
    expect((await upload(caller, reference, [photo, photo, photo])).statusCode).toBe(201);
    // Two more would make five: neither is stored.
    const over = await upload(caller, reference, [photo, photo]);
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({
      code: 'payload_too_large',
      details: [{ code: 'grievance_files_full' }],
    });
    expect(over.json().message).toContain('at most 1 more');
    expect(await held(reference, 'evidence')).toBe(3);
    expect((await upload(caller, reference, [photo])).statusCode).toBe(201);
    // Full: refused before the body is read (the answer is the same whatever the body holds).
    const full = await upload(caller, reference, [{ bytes: Buffer.from('not even a photo') }]);
    expect(full.statusCode).toBe(413);
    expect(full.json().details[0].code).toBe('grievance_files_full');
    expect(await held(reference, 'evidence')).toBe(4);
    // The citizen's full allowance does not stop the officer's proof.
    const proof = await upload(officer, reference, [photo]);
    expect(proof.statusCode, proof.body).toBe(201);
    expect(proof.json().items[0].kind).toBe('proof');
  });

  it('refuses files past the bytes with grievance_bytes_full', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const big = png({ width: 400, height: 400 });
    expect(big.length).toBeGreaterThan(PHOTO.length * 4 + 100);
    const res = await upload(caller, reference, [{ bytes: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'payload_too_large',
      details: [{ code: 'grievance_bytes_full' }],
    });
    expect(await held(reference, 'evidence')).toBe(0);
  });

  it('lets only one of two uploads racing for the last place in', async () => {
    const { reference, caller } = await citizenWithGrievance();
    const photo = { bytes: PHOTO };
    expect((await upload(caller, reference, [photo, photo, photo])).statusCode).toBe(201);
    const answers = await Promise.all([
      upload(caller, reference, [photo]),
      upload(caller, reference, [photo]),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 413]);
    expect(await held(reference, 'evidence')).toBe(4);
  });

  it('reads the cap from the environment, with defaults, and refuses nonsense at start', () => {
    expect(readConfig({}).uploadCap).toEqual(DEFAULT_UPLOAD_CAP);
    expect(readConfig({ GRIEVANCE_FILES: '5', GRIEVANCE_MB: '12.5' }).uploadCap).toEqual({
      files: 5,
      bytes: 12.5 * 1024 * 1024,
    });
    expect(() => readConfig({ GRIEVANCE_FILES: 'lots' })).toThrow(/GRIEVANCE_FILES/);
    expect(() => readConfig({ GRIEVANCE_MB: '0' })).toThrow(/GRIEVANCE_MB/);
  });
});
