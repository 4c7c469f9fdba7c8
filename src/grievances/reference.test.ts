import { describe, expect, it } from 'vitest';
import { ALPHABET, generateReference, normalizeReference } from './reference.ts';

describe('reference numbers', () => {
  it('are three groups of three characters with no look-alikes', () => {
    for (let i = 0; i < 1000; i++) {
      const reference = generateReference();
      expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
      expect(reference).not.toMatch(/[01OI]/);
      expect(normalizeReference(reference)).toBe(reference);
    }
  });

  it('accept what people type: lower case, spaces, no dashes', () => {
    const reference = generateReference();
    const typed = reference.toLowerCase().replaceAll('-', ' ');
    expect(normalizeReference(typed)).toBe(reference);
    expect(normalizeReference(reference.replaceAll('-', ''))).toBe(reference);
  });

  it('catch every single mistyped character and every swap of neighbours', () => {
    for (let n = 0; n < 50; n++) {
      const compact = generateReference().replaceAll('-', '');
      for (let i = 0; i < compact.length; i++) {
        for (const c of ALPHABET) {
          if (c === compact[i]) continue;
          const typo = compact.slice(0, i) + c + compact.slice(i + 1);
          expect(normalizeReference(typo), typo).toBeNull();
        }
        if (i < compact.length - 1 && compact[i] !== compact[i + 1]) {
          const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
          expect(normalizeReference(swapped), swapped).toBeNull();
        }
      }
    }
  });

  it('reject the wrong length and foreign characters', () => {
    expect(normalizeReference('')).toBeNull();
    expect(normalizeReference('ABC-DEF')).toBeNull();
    expect(normalizeReference('K7M-4QX-9P0')).toBeNull();
    expect(normalizeReference("1' OR '1'='1")).toBeNull();
  });

  it('are not sequential: consecutive numbers share no common prefix pattern', () => {
    const refs = Array.from({ length: 2000 }, () => generateReference());
    expect(new Set(refs).size).toBe(2000);
    const firstChars = new Set(refs.map((r) => r[0]));
    expect(firstChars.size).toBeGreaterThan(25);
  });
});
