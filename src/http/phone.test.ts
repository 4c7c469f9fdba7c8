// Numbers as Indian citizens type them become one E.164 number, at the edge of every route.
import { describe, expect, it } from 'vitest';
import { normalisePhone, normalisePhones } from './phone.ts';

describe('phone numbers as people type them', () => {
  it('puts Indian numbers typed every usual way in E.164 with the deployment country code', () => {
    for (const typed of [
      '98123 45678',
      '9812345678',
      '098123 45678',
      '09812345678',
      '+91 98123 45678',
      '+91-98123-45678',
      '91 98123 45678',
      '0091 98123 45678',
      '(+91) 98123.45678',
    ])
      expect(normalisePhone(typed, '91'), typed).toBe('+919812345678');
    // A 10-digit number that happens to start with 91 is a national number, not a country code.
    expect(normalisePhone('91123 45678', '91')).toBe('+919112345678');
  });

  it('completes national numbers elsewhere with that deployment code, and leaves non-numbers alone', () => {
    expect(normalisePhone('0712 345 678', '255')).toBe('+255712345678');
    expect(normalisePhone('712345678', '254')).toBe('+254712345678');
    expect(normalisePhone('+255 712 345 678', '91')).toBe('+255712345678');
    expect(normalisePhone('call me', '91')).toBe('call me');
    expect(normalisePhone('98123 4567x', '91')).toBe('98123 4567x');
    // Too few or too many digits for an Indian mobile: left for the schema to refuse.
    expect(normalisePhone('98765', '91')).toBe('98765');
    expect(normalisePhone('098123 456789', '91')).toBe('098123 456789');
  });

  it('changes only fields named phone, at any depth', () => {
    expect(
      normalisePhones(
        {
          phone: '98123 45678',
          citizen: { phone: '098123 45678', name: '98123 45678' },
          list: [{ phone: '1' }],
        },
        '91',
      ),
    ).toEqual({
      phone: '+919812345678',
      citizen: { phone: '+919812345678', name: '98123 45678' },
      list: [{ phone: '1' }],
    });
  });
});
