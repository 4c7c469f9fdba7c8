// The guided conversation: one turn per message. Given where the citizen is (a row of
// whatsapp_conversations, read under a row lock in the transaction that records the message) and what
// they sent, it decides the next step, what to store and what to answer. Registering the grievance
// itself happens after that transaction commits (register.ts), because registration commits on its own.
//
// Steps: language > describe > category > place > photo > confirm > (registered) menu. At any step,
// STATUS (in any of our languages) answers about the citizen's own grievances and MENU goes back to the
// menu; a photo sent before confirming is kept whatever the step; anything we cannot read gets a polite
// answer and the step is asked again, so the channel never gets stuck.
import { type Kysely, sql } from 'kysely';
import type { Checked } from '../../attachments/check.ts';
import type { DB, DraftMediaType } from '../../db/schema.ts';
import { fold, searchCategories } from '../../directory/category-search.ts';
import { normalizeReference } from '../../grievances/index.ts';
import { createDraft } from '../../intake/index.ts';
import { nearestPlace } from '../../places/nearest.ts';
import type { Outbound } from './cloud.ts';
import {
  CHOOSE_LANGUAGE,
  catalogues,
  isLang,
  LANGUAGES,
  type Lang,
  localName,
  type PhotoProblem,
  photoProblems,
  say,
  statusName,
} from './messages.ts';
import type { InboundContent } from './payload.ts';

export type Step =
  | 'language'
  | 'menu'
  | 'describe'
  | 'category'
  | 'place'
  | 'photo'
  | 'confirm'
  | 'registering'
  /** They answered "were you satisfied?": a rating from 1 to 5 is asked next (or they decline). */
  | 'rating'
  /** They said they were not satisfied with a resolution: their next words reopen it. */
  | 'feedback';

export interface Answers {
  description?: string;
  categoryId?: number;
  /** The categories or places last offered, in order, so a typed number picks one. */
  categoryOptions?: number[];
  placeOptions?: number[];
  placeId?: number;
  latitude?: number;
  longitude?: number;
  /** The idempotency key of the registration under way: a repeat registers nothing twice. */
  registerKey?: string;
  /** The resolved grievance they are telling us about (steps 'rating' and 'feedback'). */
  feedbackRef?: string;
  /** Their answer to "were you satisfied?" (step 'rating'). */
  feedbackSatisfied?: boolean;
  /** The rating they gave, 1-5, kept while their words are asked for (step 'feedback'). */
  feedbackRating?: number;
  /** They asked to register without their name: the department never sees their number. */
  anonymous?: boolean;
}

/**
 * Closure feedback to act on after the turn commits: close it (satisfied) or reopen it with their words,
 * with their 1-5 rating if they gave one (as the portal asks).
 */
export type Feedback =
  | { reference: string; satisfied: true; rating?: number }
  | { reference: string; satisfied: false; note: string; rating?: number };

export interface Conversation {
  phone: string;
  citizenId: number;
  language: Lang | null;
  /** The language on the citizen's record (from any channel), for a tap that comes before they chose one here. */
  citizenLanguage?: string | null;
  step: Step;
  answers: Answers;
}

/** A photo fetched before the turn (downloads never hold a transaction open). */
export type Photo = { ok: true; file: Checked } | { ok: false; why: PhotoProblem };

/** A voice note fetched before the turn, sniffed to a recording type we keep. */
export type Voice = { ok: true; mediaType: DraftMediaType; bytes: Uint8Array } | { ok: false };

export interface Turn {
  step: Step;
  language: Lang | null;
  answers: Answers;
  replies: Outbound[];
  /** Register now (after the commit) with this idempotency key. */
  register?: string;
  feedback?: Feedback;
}

const MAX_PHOTOS = 3;
const MIN_DESCRIPTION = 5;
const COLLECTING: Step[] = ['describe', 'category', 'place', 'photo', 'confirm'];

export async function takeTurn(
  trx: Kysely<DB>,
  c: Conversation,
  message: { id: string; content: InboundContent },
  photo: Photo | undefined,
  now: Date,
  voice?: Voice,
): Promise<Turn> {
  const content = message.content;
  const text = content.kind === 'text' ? content.text.trim() : content.kind === 'choice' ? content.title : '';
  const said = fold(text).trim();
  const choice = content.kind === 'choice' ? content.id : '';
  // A tap on a resolution's buttons needs no language chosen here: it was sent in the citizen's.
  const lang =
    c.language ?? (choice.startsWith('fb:') ? (isLang(c.citizenLanguage) ? c.citizenLanguage : 'en') : null);

  // A voice note, at any step and even before a language is chosen (many who send one cannot type):
  // kept as a recording on a draft for an agent, with whatever the conversation had gathered.
  if (content.kind === 'audio' && c.step !== 'registering') {
    const replyIn: Lang = lang ?? (isLang(c.citizenLanguage) ? c.citizenLanguage : 'en');
    if (!voice?.ok)
      return { step: c.step, language: lang, answers: c.answers, replies: [text_(say(replyIn, 'voiceBad'))] };
    await draftVoice(trx, c, replyIn, message.id, voice, now);
    return {
      step: lang ? 'menu' : c.step,
      language: lang,
      answers: {},
      replies: [text_(say(replyIn, 'voiceDrafted'))],
    };
  }

  if (!lang) return chooseLanguage(trx, c, said, choice);
  const words = catalogues[lang];
  const is = (list: string[]) => list.some((w) => fold(w) === said);
  const turn = (step: Step, answers: Answers, replies: Outbound[], register?: string): Turn => ({
    step,
    language: lang,
    answers,
    replies,
    ...(register ? { register } : {}),
  });
  const ask = async (step: Step, answers: Answers, before: Outbound[] = []) => {
    const prompt = await promptFor(trx, lang, step, answers, c.phone);
    return turn(step, prompt.answers, [...before, ...prompt.replies]);
  };

  // A registration that was under way when the process stopped: finish it, whatever they sent.
  if (c.step === 'registering' && c.answers.registerKey)
    return turn('registering', c.answers, [], c.answers.registerKey);

  // Closure feedback: the buttons on a resolution message, at any step.
  const fb = /^fb:(yes|no):([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/.exec(choice);
  if (fb) {
    const reference = fb[2] as string;
    const satisfied = fb[1] === 'yes';
    // Only theirs, and only while it waits for this answer (applyFeedback checks again when it acts).
    const waiting = await trx
      .selectFrom('grievances')
      .select('id')
      .where('reference', '=', reference)
      .where('citizen_id', '=', c.citizenId)
      .where('status', 'in', satisfied ? ['resolved'] : ['resolved', 'closed'])
      .executeTakeFirst();
    if (!waiting) return turn('menu', {}, [text_(say(lang, 'feedbackNotOpen', { reference }))]);
    return turn('rating', { feedbackRef: reference, feedbackSatisfied: satisfied }, [
      ratingList(lang, reference),
    ]);
  }
  // The rating, from the list, typed as a digit, or declined: satisfied closes it now, not satisfied
  // asks for their words first.
  const rated = /^rate:([1-5]|skip)$/.exec(choice)?.[1] ?? (/^[1-5]$/.test(said) ? said : null);
  if (c.step === 'rating' && c.answers.feedbackRef && (rated || is(words.skipWords))) {
    const reference = c.answers.feedbackRef;
    const rating = rated && rated !== 'skip' ? { rating: Number(rated) } : {};
    if (c.answers.feedbackSatisfied)
      return { ...turn('menu', {}, []), feedback: { reference, satisfied: true, ...rating } };
    return turn('feedback', { feedbackRef: reference, feedbackRating: rating.rating }, [
      text_(say(lang, 'feedbackWhy', { reference })),
    ]);
  }
  if (c.step === 'feedback' && c.answers.feedbackRef && content.kind === 'text' && text.length >= 2) {
    const rating = c.answers.feedbackRating;
    return {
      ...turn('menu', {}, []),
      feedback: {
        reference: c.answers.feedbackRef,
        satisfied: false,
        note: text,
        ...(rating !== undefined ? { rating } : {}),
      },
    };
  }

  // Commands that work at any step.
  const status = statusQuery(text, lang);
  if (status !== null || choice === 'menu:status') {
    return turn(c.step, c.answers, [await statusReply(trx, c.citizenId, lang, status || null)]);
  }
  if (choice === 'menu:language' || is(words.languageWords))
    return chooseLanguage(trx, { ...c, language: null }, '', '');
  if (is(words.menuWords)) return ask('menu', {});

  // A photo before confirming is kept at any step, and the step asked again.
  if (content.kind === 'image' && COLLECTING.includes(c.step)) {
    if (!photo?.ok)
      return ask(c.step, c.answers, [
        text_(say(lang, 'photoBad', { why: photoProblems[lang][photo?.why ?? 'unavailable'] })),
      ]);
    const count = await photoCount(trx, c.phone);
    if (count < MAX_PHOTOS) await storePhoto(trx, c.phone, photo.file, now);
    const next = c.step === 'photo' ? 'confirm' : c.step;
    return ask(next, c.answers, [text_(say(lang, 'photoAdded'))]);
  }
  if (content.kind === 'other' || (content.kind === 'image' && !COLLECTING.includes(c.step))) {
    return ask(c.step === 'language' ? 'menu' : c.step, c.answers, [text_(say(lang, 'unsupported'))]);
  }

  switch (c.step) {
    case 'rating':
      return turn('rating', c.answers, [ratingList(lang, c.answers.feedbackRef ?? '')]);
    case 'feedback':
      return turn('feedback', c.answers, [
        text_(say(lang, 'feedbackWhy', { reference: c.answers.feedbackRef ?? '' })),
      ]);
    case 'language':
    case 'menu':
      if (choice === 'menu:new' || said === '1' || fold(words.menuNew) === said) return ask('describe', {});
      return ask('menu', {});
    case 'describe':
      if (content.kind !== 'text' || text.length < MIN_DESCRIPTION) {
        return ask('describe', c.answers, content.kind === 'text' ? [text_(say(lang, 'describeShort'))] : []);
      }
      return ask('category', { ...c.answers, description: text });
    case 'category': {
      const picked = pick(choice, 'cat:', said, c.answers.categoryOptions);
      if (picked !== null)
        return ask('place', { ...c.answers, categoryId: picked, categoryOptions: undefined });
      if (content.kind !== 'text' || !said) return ask('category', c.answers);
      const found = await searchCategories(trx, { q: text, activeOnly: true, limit: 10 });
      if (found.length === 1)
        return ask('place', { ...c.answers, categoryId: found[0]?.id, categoryOptions: undefined });
      if (!found.length) {
        return ask('category', c.answers, [text_(say(lang, 'categoryNone', { q: text.slice(0, 60) }))]);
      }
      return turn('category', { ...c.answers, categoryOptions: found.map((f) => f.id) }, [
        categoryList(lang, found),
      ]);
    }
    case 'place': {
      if (content.kind === 'location') {
        try {
          const near = await nearestPlace(trx, { latitude: content.latitude, longitude: content.longitude });
          return ask('photo', {
            ...c.answers,
            placeId: near.place.id,
            latitude: content.latitude,
            longitude: content.longitude,
            placeOptions: undefined,
          });
        } catch {
          return turn('place', c.answers, [text_(say(lang, 'placeFar'))]);
        }
      }
      const picked = pick(choice, 'place:', said, c.answers.placeOptions);
      if (picked !== null) return ask('photo', { ...c.answers, placeId: picked, placeOptions: undefined });
      if (!said) return ask('place', c.answers);
      const found = await placesNamed(trx, text);
      if (found.length === 1)
        return ask('photo', { ...c.answers, placeId: found[0]?.id, placeOptions: undefined });
      if (!found.length)
        return turn('place', c.answers, [text_(say(lang, 'placeNone', { q: text.slice(0, 60) }))]);
      return turn('place', { ...c.answers, placeOptions: found.map((p) => p.id) }, [
        {
          kind: 'list',
          text: say(lang, 'placeChoose'),
          button: say(lang, 'placeButton'),
          rows: found.map((p) => ({
            id: `place:${p.id}`,
            title: localName(p.name, lang),
            ...(p.parent ? { description: localName(p.parent, lang) } : {}),
          })),
        },
      ]);
    }
    case 'photo':
      if (choice === 'photo:skip' || is(words.skipWords)) return ask('confirm', c.answers);
      return ask('photo', c.answers);
    case 'confirm':
      if (choice === 'confirm:yes' || is(words.yesWords)) {
        const key = `whatsapp:${message.id}`;
        return turn('registering', { ...c.answers, registerKey: key }, [], key);
      }
      if (choice === 'confirm:anon' || is(words.anonymousWords)) {
        const key = `whatsapp:${message.id}`;
        return turn('registering', { ...c.answers, anonymous: true, registerKey: key }, [], key);
      }
      if (choice === 'confirm:restart' || is(words.restartWords)) {
        await clearPhotos(trx, c.phone);
        return ask('describe', {});
      }
      return ask('confirm', c.answers);
    default:
      return ask('menu', {});
  }
}

/** The first turn, and whenever they ask for another language. */
async function chooseLanguage(trx: Kysely<DB>, c: Conversation, said: string, choice: string): Promise<Turn> {
  const chosen =
    (choice.startsWith('lang:') ? choice.slice(5) : null) ??
    LANGUAGES.find(
      (l, i) =>
        said === String(i + 1) ||
        said === fold(catalogues[l].name) ||
        (l === 'hi' && ['hindi', 'हिंदी'].includes(said)) ||
        (l === 'sw' && ['swahili'].includes(said)),
    ) ??
    null;
  if (isLang(chosen)) {
    await trx.updateTable('citizens').set({ language: chosen }).where('id', '=', c.citizenId).execute();
    const prompt = await promptFor(trx, chosen, 'describe', {}, c.phone);
    return { step: 'describe', language: chosen, answers: {}, replies: prompt.replies };
  }
  return {
    step: 'language',
    language: null,
    answers: c.answers,
    replies: [
      {
        kind: 'buttons',
        text: CHOOSE_LANGUAGE,
        buttons: LANGUAGES.map((l) => ({ id: `lang:${l}`, title: catalogues[l].name })),
      },
    ],
  };
}

/** What we say to ask for `step`; offering categories remembers which were offered. */
async function promptFor(
  trx: Kysely<DB>,
  lang: Lang,
  step: Step,
  answers: Answers,
  phone: string,
): Promise<{ answers: Answers; replies: Outbound[] }> {
  const same = (replies: Outbound[]) => ({ answers, replies });
  switch (step) {
    case 'menu':
    case 'language':
      return same([
        {
          kind: 'buttons',
          text: say(lang, 'menu'),
          buttons: [
            { id: 'menu:new', title: say(lang, 'menuNew') },
            { id: 'menu:status', title: say(lang, 'menuStatus') },
            { id: 'menu:language', title: say(lang, 'menuLanguage') },
          ],
        },
      ]);
    case 'describe':
      return same([text_(say(lang, 'describe'))]);
    case 'category': {
      const offered = await suggestCategories(trx, answers.description ?? '');
      return {
        answers: { ...answers, categoryOptions: offered.map((c) => c.id) },
        replies: [categoryList(lang, offered)],
      };
    }
    case 'place':
      return same([text_(say(lang, 'place'))]);
    case 'photo':
      return same([
        {
          kind: 'buttons',
          text: say(lang, 'photo'),
          buttons: [{ id: 'photo:skip', title: say(lang, 'photoSkip') }],
        },
      ]);
    case 'confirm': {
      const [category, place, photos] = await Promise.all([
        answers.categoryId
          ? trx
              .selectFrom('categories')
              .select('name')
              .where('id', '=', answers.categoryId)
              .executeTakeFirst()
          : undefined,
        answers.placeId
          ? trx.selectFrom('places').select('name').where('id', '=', answers.placeId).executeTakeFirst()
          : undefined,
        photoCount(trx, phone),
      ]);
      return same([
        {
          kind: 'buttons',
          text: say(lang, 'confirm', {
            description: answers.description ?? '',
            category: category ? localName(category.name, lang) : '',
            place: place ? localName(place.name, lang) : '',
            photos: photos || say(lang, 'none'),
          }),
          buttons: [
            { id: 'confirm:yes', title: say(lang, 'confirmYes') },
            { id: 'confirm:anon', title: say(lang, 'confirmAnonymous') },
            { id: 'confirm:restart', title: say(lang, 'confirmRestart') },
          ],
        },
      ]);
    }
    default:
      return same([]);
  }
}

const text_ = (text: string): Outbound => ({ kind: 'text', text });

/** A button tap (`prefix` + id) or a typed number from the options last offered. */
function pick(choice: string, prefix: string, said: string, options: number[] | undefined): number | null {
  if (choice.startsWith(prefix)) {
    const id = Number(choice.slice(prefix.length));
    if (Number.isSafeInteger(id) && id > 0) return id;
  }
  if (/^\d{1,2}$/.test(said) && options) return options[Number(said) - 1] ?? null;
  return null;
}

type FoundCategory = Awaited<ReturnType<typeof searchCategories>>[number];

function categoryList(lang: Lang, categories: FoundCategory[]): Outbound {
  return {
    kind: 'list',
    text: say(lang, 'category'),
    button: say(lang, 'categoryButton'),
    rows: categories.map((c) => ({
      id: `cat:${c.id}`,
      title: localName(c.name, lang),
      description: localName(c.department.name, lang),
    })),
  };
}

/**
 * Up to ten complaint categories to offer, those whose names or keywords share most words with the
 * description first (a citizen who wrote "नल" sees the hand pump first), then in catalogue order.
 */
async function suggestCategories(trx: Kysely<DB>, description: string): Promise<FoundCategory[]> {
  const all = await searchCategories(trx, { activeOnly: true, kind: 'complaint' });
  const said = fold(description)
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((w) => w.length >= 2);
  const score = (c: FoundCategory) => {
    const theirs = [...Object.values(c.name), ...Object.values(c.keywords).flat()].flatMap((t) =>
      fold(t).split(/[\s\p{P}\p{S}]+/u),
    );
    return said.filter((w) => theirs.some((t) => t && (t.startsWith(w) || w.startsWith(t)) && t.length >= 2))
      .length;
  };
  return all
    .map((c, i) => ({ c, s: score(c), i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, 10)
    .map((x) => x.c);
}

/** Active places whose name (in any language) contains the text, the deepest (villages, wards) first. */
async function placesNamed(trx: Kysely<DB>, text: string) {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return trx
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.name', 'parent.name as parent'])
    .where('p.active', '=', true)
    .where(sql<boolean>`p.name::text ilike ${like}`)
    .orderBy('p.depth', 'desc')
    .orderBy('p.id')
    .limit(10)
    .execute();
}

/** "STATUS", "STATUS K7M-4QX-9PR", "स्थिति ...", "HALI ...": the reference ('' for none), or null. */
function statusQuery(text: string, lang: Lang): string | null {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const words = new Set([
    ...catalogues[lang].statusWords,
    ...LANGUAGES.flatMap((l) => catalogues[l].statusWords),
  ]);
  if (!words.has(fold(first))) return null;
  return rest.join('');
}

/** The citizen's own grievances: the one they named, or their latest five. Never anyone else's. */
async function statusReply(
  trx: Kysely<DB>,
  citizenId: number,
  lang: Lang,
  reference: string | null,
): Promise<Outbound> {
  const canonical = reference ? normalizeReference(reference) : null;
  if (reference && !canonical) return text_(say(lang, 'statusNone'));
  let query = trx
    .selectFrom('grievances as g')
    .innerJoin('categories as c', 'c.id', 'g.category_id')
    .select(['g.reference', 'g.status', 'c.name as category', 'g.updated_at as updatedAt'])
    .where('g.citizen_id', '=', citizenId)
    .orderBy('g.created_at', 'desc')
    .limit(5);
  if (canonical) query = query.where('g.reference', '=', canonical);
  const rows = await query.execute();
  if (!rows.length) return text_(say(lang, 'statusNone'));
  const lines = rows.map(
    (r) => `*${r.reference}* ${localName(r.category, lang)}: ${statusName(lang, r.status)}`,
  );
  return text_(say(lang, 'statusList', { lines: lines.join('\n') }));
}

export async function photoCount(db: Kysely<DB>, phone: string): Promise<number> {
  const row = await db
    .selectFrom('whatsapp_media')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function storePhoto(trx: Kysely<DB>, phone: string, file: Checked, now: Date) {
  await trx
    .insertInto('whatsapp_media')
    .values({
      phone,
      media_type: file.mediaType,
      size: file.content.byteLength,
      sha256: file.sha256,
      file_name: file.fileName,
      content: file.content,
      created_at: now,
    })
    .execute();
}

/**
 * The voice note as a draft for an agent, with the conversation's answers so far and its photos, on
 * the citizen's history (the message's interaction); the conversation starts afresh.
 */
async function draftVoice(
  trx: Kysely<DB>,
  c: Conversation,
  language: Lang,
  messageId: string,
  voice: Extract<Voice, { ok: true }>,
  now: Date,
) {
  const [photos, interaction] = await Promise.all([
    trx
      .selectFrom('whatsapp_media')
      .select(['media_type', 'content'])
      .where('phone', '=', c.phone)
      .orderBy('id')
      .execute(),
    trx
      .selectFrom('interactions')
      .select('id')
      .where('channel', '=', 'whatsapp')
      .where('external_id', '=', messageId)
      .executeTakeFirst(),
  ]);
  await createDraft(trx, now, {
    channel: 'whatsapp',
    interactionId: interaction?.id ?? null,
    citizenId: c.citizenId,
    language,
    text: c.answers.description ?? null,
    placeId: c.answers.placeId ?? null,
    categoryId: c.answers.categoryId ?? null,
    anonymous: c.answers.anonymous ?? false,
    data: {
      whatsapp: c.phone,
      voiceNote: true,
      latitude: c.answers.latitude,
      longitude: c.answers.longitude,
    },
    media: [
      { mediaType: voice.mediaType, content: voice.bytes },
      ...photos.map((p) => ({ mediaType: p.media_type as DraftMediaType, content: p.content })),
    ],
  });
  await clearPhotos(trx, c.phone);
}

export async function clearPhotos(db: Kysely<DB>, phone: string) {
  await db.deleteFrom('whatsapp_media').where('phone', '=', phone).execute();
}

/** "How would you rate it?": the five ratings and a way to decline, as a list. */
function ratingList(lang: Lang, reference: string): Outbound {
  return {
    kind: 'list',
    text: say(lang, 'ratingAsk', { reference }),
    button: say(lang, 'ratingButton'),
    rows: [
      ...[5, 4, 3, 2, 1].map((n) => ({ id: `rate:${n}`, title: say(lang, `rating${n}` as 'rating1') })),
      { id: 'rate:skip', title: say(lang, 'ratingSkip') },
    ],
  };
}
