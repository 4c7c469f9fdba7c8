// Filling a template's `{{name}}` places, and the sample values the admin's preview and part count use.
// No Node imports: the web app uses this file too.

/**
 * Puts the variables into `{{name}}` places. A variable the row does not have becomes empty rather
 * than leaking the placeholder to a citizen; the result is tidied of the double spaces that leaves.
 */
export function fill(text: string, vars: Record<string, unknown>): string {
  return text
    .replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => {
      const value = vars[name];
      return value === undefined || value === null ? '' : String(value);
    })
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Realistic values, so a preview's length (and SMS part count) is what a citizen would get. */
export function sampleVariables(language: string): Record<string, string> {
  const hi = language === 'hi';
  const sw = language === 'sw';
  return {
    reference: 'K7M-4QX-9PR',
    department: hi ? 'लोक स्वास्थ्य यांत्रिकी' : sw ? 'Maji na Usafi' : 'Public Health Engineering',
    office: hi ? 'सहायक यंत्री, ब्यावरा' : sw ? 'Mhandisi wa Maji, Biaora' : 'Assistant Engineer, Biaora',
    due: new Intl.DateTimeFormat(`${language}-IN`, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date('2026-03-05T12:30:00Z'),
    ),
    status: hi ? 'कार्यवाही जारी' : sw ? 'linashughulikiwa' : 'being worked on',
    question: hi ? 'हैंडपंप किस गली में है?' : sw ? 'Pampu iko mtaa gani?' : 'Which street is the hand pump on?',
    actionTaken: hi ? 'हैंडपंप ठीक कर दिया गया।' : sw ? 'Pampu imetengenezwa.' : 'The hand pump was repaired.',
    reason: hi ? 'यह निजी संपत्ति है।' : sw ? 'Ni mali binafsi.' : 'It is private property.',
    code: '482913',
    minutes: '10',
  };
}
