// Reference numbers are read aloud over the phone and typed by agents, so they are short, use no
// look-alike characters (no 0/O, no 1/I), are random (a neighbour's number cannot be guessed from
// yours) and end in a check character that catches a single mistyped or two swapped characters.
//
// Format: three groups of three, e.g. "K7M-4QX-9PR": eight random characters (40 bits, about 10^12
// values) and one check character.
import { randomInt } from 'node:crypto';

export const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 characters: 8 digits, 24 letters
const BASE = ALPHABET.length;

export type RandomIndex = (maxExclusive: number) => number;

export function generateReference(random: RandomIndex = randomInt): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[random(BASE)];
  return format(body + checkCharacter(body));
}

/**
 * Accepts what a person types ("k7m 4qx 9pr", "K7M4QX9PR") and returns the canonical form, or null
 * when it cannot be a reference (wrong length, foreign characters, failed check).
 */
export function normalizeReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 9) return null;
  for (const c of compact) if (!ALPHABET.includes(c)) return null;
  const body = compact.slice(0, 8);
  if (checkCharacter(body) !== compact[8]) return null;
  return format(compact);
}

// Damm's algorithm over the 32 characters: it detects every single substitution and every swap of
// two neighbours (Luhn mod N misses one kind of swap). It needs a totally anti-symmetric quasigroup
// of order 32: x∘y = 2·x ⊕ y in GF(2^5) (modulus x^5 + x^2 + 1) is one, since 2 ≠ 0 and 2 ≠ 1.
function times2(x: number): number {
  const shifted = x << 1;
  return shifted & 32 ? (shifted ^ 0b100101) & 31 : shifted;
}

function checkCharacter(body: string): string {
  let interim = 0;
  for (const c of body) interim = times2(interim) ^ ALPHABET.indexOf(c);
  // The check character c makes the final step land on zero: 2·interim ⊕ c = 0.
  return ALPHABET[times2(interim)] as string;
}

function format(compact: string) {
  return `${compact.slice(0, 3)}-${compact.slice(3, 6)}-${compact.slice(6, 9)}`;
}
