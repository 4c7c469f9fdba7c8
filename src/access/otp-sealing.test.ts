// A citizen's sign-in code is never in clear in the outbox: it is sealed under the deployment secret,
// opened only by the delivery worker (openOtpCode), and no API answer or export carries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { citizenCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { openOtpCode, sealOtpCode } from './otp-sealing.ts';
import { setDeploymentSecret } from './secrets.ts';

describe('sealed codes', () => {
  it('open only under the secret that sealed them, and only unaltered', () => {
    setDeploymentSecret('first deployment secret, long enough');
    const sealed = sealOtpCode('123456');
    expect(sealed).not.toContain('123456');
    expect(sealOtpCode('123456')).not.toBe(sealed); // a fresh nonce each time
    expect(openOtpCode({ sealedCode: sealed })).toBe('123456');
    const [v, iv, tag, data] = sealed.split('.') as [string, string, string, string];
    const flipped = `${data.slice(0, -1)}${data.endsWith('A') ? 'B' : 'A'}`;
    expect(openOtpCode({ sealedCode: [v, iv, tag, flipped].join('.') })).toBeNull();
    expect(openOtpCode({ code: '123456' })).toBeNull();
    expect(openOtpCode(null)).toBeNull();
    setDeploymentSecret('another deployment secret, as long');
    expect(openOtpCode({ sealedCode: sealed })).toBeNull();
  });
});

describe.each(databases)('sign-in codes in the outbox on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  it('stores the code sealed, which the worker opens to the code that signs in, and shows it nowhere', async () => {
    const phone = '+919844400001';
    const citizen = await citizenCaller(api.raw, database, 'citizen', phone); // reads the code via openOtpCode
    const rows = await database.db
      .selectFrom('notifications as n')
      .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
      .select('n.params')
      .where('c.phone', '=', phone)
      .where('n.template', '=', 'otp')
      .execute();
    expect(rows).toHaveLength(1);
    const params = rows[0]?.params as Record<string, unknown>;
    expect(params).not.toHaveProperty('code');
    expect(Object.keys(params).sort()).toEqual(['minutes', 'sealedCode']);
    const code = openOtpCode(params) as string;
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(params)).not.toContain(code);

    // Nothing the citizen or staff can fetch carries it.
    const own = await api.raw.inject({ url: '/api/me/export', headers: citizen.headers });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(String(params.sealedCode));
    expect(own.body).not.toContain('sealedCode');
  });
});
