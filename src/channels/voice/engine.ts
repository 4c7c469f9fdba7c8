// The IVR engine: walks a call's flow one turn at a time. Every carrier (a cloud provider's webhook
// adapter, the self-hosted SIP path) calls `takeTurn` with what the caller did and executes the
// instruction it gets back (instructions.ts is the seam).
//
// A turn runs in one transaction with the call's session row locked, so a provider that posts the same
// webhook twice, or two posts racing, move the flow once. Webhook carriers number their turns (the
// number travels in the URL of the next webhook): a repeated turn gets the stored answer again.
import { type Kysely, sql } from 'kysely';
import { type AuditEntry, appendAudit } from '../../access/audit.ts';
import type { ReferenceCache } from '../../cache/index.ts';
import { type Call, endCall, enqueueCall, queuesFor, startCall } from '../../calls/index.ts';
import type { CallStep, DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { createDraft } from '../../intake/index.ts';
import { cachedRead } from './cached.ts';
import { type FlowDefinition, type FlowNode, listens, type NodeId } from './flow.ts';
import { activeFlow, savedActiveFlow } from './flows.ts';
import { localDateTime, nextOpening, queueCalendar } from './hours.ts';
import type { Instruction, PromptRef, TurnCall, TurnInput } from './instructions.ts';
import { runLookup } from './lookups.ts';
import { MIN_CONFIDENCE, matchSpeech, normaliseSpeech, speechHints, spokenDigits } from './speech.ts';

export type { Instruction, PromptRef, TurnCall, TurnInput } from './instructions.ts';

/** The instruction and its number in the call (a webhook carrier sends the number back with the answer). */
export interface TurnResult {
  instruction: Instruction;
  turn: number;
  callId: number;
}

/** One turn: what the caller did since the last instruction, and what to do next. */
export async function takeTurn(
  deps: Pick<Deps, 'db' | 'clock' | 'reference'>,
  call: TurnCall,
  input: TurnInput,
): Promise<Instruction> {
  return (await runTurn(deps, call, input)).instruction;
}

/**
 * `step`: for webhook carriers, 'start' on the call's first webhook and otherwise the number of the
 * instruction this input answers; a repeat gets the answer already given. Without it (the SIP path,
 * whose turns cannot repeat) the input answers the latest instruction.
 */
export async function runTurn(
  deps: Pick<Deps, 'db' | 'clock' | 'reference'>,
  call: TurnCall,
  input: TurnInput,
  step?: number | 'start',
  repeat?: RepeatKey,
): Promise<TurnResult> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    // A call under way: its row, session and flow in one statement, the session locked for this turn.
    const existing = await lockCall(trx, call.provider, call.providerCallId, deps.reference);
    const row: CallFacts =
      existing ??
      (await startCall(trx, now, {
        provider: call.provider,
        providerCallId: call.providerCallId,
        caller: call.caller,
        called: call.called,
      }));
    let session: Session | undefined = existing;
    let fresh = false;
    if (!session) {
      // Cached only as saved: the very first call saves the default flow in its own transaction.
      const flow =
        (await cachedRead(deps.reference, trx, 'flow:active', () => savedActiveFlow(trx))) ??
        (await activeFlow(trx, now));
      await trx
        .insertInto('ivr_sessions')
        .values({
          call_id: row.id,
          flow_id: flow.id,
          node: flow.definition.start,
          vars: JSON.stringify({ language: row.language ?? flow.definition.languages[0]?.code ?? 'en' }),
          attempts: '{}',
          updated_at: now,
        })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .execute();
      session = (await lockSession(trx, row.id, deps.reference)) as Session;
      fresh = session.turn === 0 && !(await storedTurn(trx, row.id, 0));
    }
    const ended = session.vars._ended === true;
    if (!fresh && step !== undefined) {
      const answered =
        step === 'start' ? 0 : step < session.turn ? step + 1 : step > session.turn ? session.turn : -1;
      if (answered >= 0) {
        const stored = await storedTurn(trx, row.id, answered);
        if (stored) return { instruction: stored, turn: answered, callId: row.id };
      }
    }
    if (!fresh && repeat && isRepeat(session, repeat.key, now)) {
      const stored = await storedTurn(trx, row.id, session.turn);
      if (stored) return { instruction: stored, turn: session.turn, callId: row.id };
    }
    if (ended) return { instruction: { kind: 'hangup', prompts: [] }, turn: session.turn, callId: row.id };

    const flow = session.definition;
    const walk = new Walk(trx, now, flow, row, session, deps.reference);
    // A call that starts with its end (a status callback before any turn) just ends.
    const instruction = fresh && !input.hangup ? await walk.from(flow.start) : await walk.answer(input);
    const turn = fresh ? 0 : session.turn + 1;
    // What this request was, for a carrier whose requests name no turn: the same request again, before
    // anything else has happened on the call, is a repeat (isRepeat).
    if (repeat) walk.vars._request = { key: repeat.key, turn, at: now.getTime() };
    // Where the call now stands, the instruction for a repeat, and the path through the menu: one
    // statement (a turn is a handful of round trips, and a busy line takes hundreds a second).
    const steps = walk.steps.map((s) => s.step);
    const facts = Object.assign({}, ...walk.steps.map((s) => s.facts)) as {
      language?: string;
      districtId?: number;
    };
    await sql`
      with session as (
        update ivr_sessions
           set node = ${walk.node}, turn = ${turn}, vars = ${JSON.stringify(walk.vars)}::jsonb,
               attempts = ${JSON.stringify(walk.attempts)}::jsonb, updated_at = ${now}
         where call_id = ${row.id}
      ), path as (
        update calls
           set path = path || ${JSON.stringify(steps)}::jsonb,
               language = coalesce(${facts.language ?? null}::text, language),
               district_id = coalesce(${facts.districtId ?? null}::bigint, district_id)
         where id = ${row.id} and ${steps.length > 0}
      )
      insert into ivr_turns (call_id, turn, instruction, at)
      values (${row.id}, ${turn}, ${JSON.stringify(instruction)}::jsonb, ${now})
      on conflict (call_id, turn) do nothing`.execute(trx);
    if (fresh) walk.audit('voice.call_started', 'call', row.id, { provider: call.provider });
    await appendAudit(trx, now, ...walk.audits);
    return { instruction, turn, callId: row.id };
  });
}

/**
 * For carriers whose requests name no turn (KooKoo): what identifies a request (its event and data), so
 * that the same request sent again is answered as before instead of moving the flow twice.
 */
export interface RepeatKey {
  key: string;
}

/**
 * How long after an answer the same request is taken as the provider sending it again (its retry after a
 * slow or lost answer) rather than the caller doing the same thing at the next question. A caller who
 * presses the same key at the next menu within this window is answered once: they hear the same prompt
 * again and press again.
 */
export const REPEAT_WINDOW_MS = 4000;

/** The same request as the last, with the call still where that request left it, within the window. */
function isRepeat(session: Session, key: string, now: Date) {
  const last = session.vars._request as { key?: string; turn?: number; at?: number } | undefined;
  return (
    last?.key === key &&
    last.turn === session.turn &&
    typeof last.at === 'number' &&
    now.getTime() - last.at >= 0 &&
    now.getTime() - last.at < REPEAT_WINDOW_MS
  );
}

const hasRecording = (input: TurnInput) => Boolean(input.recording?.content.byteLength || input.recordingUrl);

export interface Session {
  call_id: number;
  flow_id: number;
  node: string;
  turn: number;
  vars: Record<string, unknown>;
  attempts: Record<string, number>;
  definition: FlowDefinition;
}

/** What the engine needs of the call's row. */
export type CallFacts = Pick<Call, 'id' | 'interactionId' | 'caller' | 'citizenId' | 'language'>;

async function lockCall(
  db: Kysely<DB>,
  provider: string,
  providerCallId: string,
  reference?: ReferenceCache,
) {
  const row = await db
    .selectFrom('calls as c')
    .innerJoin('ivr_sessions as s', 's.call_id', 'c.id')
    .select([
      'c.id',
      'c.interaction_id as interactionId',
      'c.caller',
      'c.citizen_id as citizenId',
      'c.language',
      's.call_id',
      's.flow_id',
      's.node',
      's.turn',
      's.vars',
      's.attempts',
    ])
    .where('c.provider', '=', provider)
    .where('c.provider_call_id', '=', providerCallId)
    .forUpdate('s')
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, definition: await flowDefinition(db, row.flow_id, reference) } as CallFacts & Session;
}

async function lockSession(db: Kysely<DB>, callId: number, reference?: ReferenceCache) {
  const row = await db
    .selectFrom('ivr_sessions as s')
    .select(['s.call_id', 's.flow_id', 's.node', 's.turn', 's.vars', 's.attempts'])
    .where('s.call_id', '=', callId)
    .forUpdate('s')
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, definition: await flowDefinition(db, row.flow_id, reference) } as Session;
}

/** A saved version of a flow: it never changes, so it is read once per process (while cached). */
function flowDefinition(db: Kysely<DB>, flowId: number, reference?: ReferenceCache) {
  return cachedRead(reference, db, `flow:${flowId}`, async () => {
    const row = await db
      .selectFrom('ivr_flows')
      .select('definition')
      .where('id', '=', flowId)
      .executeTakeFirstOrThrow();
    return row.definition as FlowDefinition;
  });
}

async function storedTurn(db: Kysely<DB>, callId: number, turn: number) {
  const row = await db
    .selectFrom('ivr_turns')
    .select('instruction')
    .where('call_id', '=', callId)
    .where('turn', '=', turn)
    .executeTakeFirst();
  return row?.instruction;
}

// A flow that keeps walking without waiting for the caller is refused by validation; this is the
// backstop for a definition saved some other way.
const MAX_HOPS = 64;

/** One turn's walk through the flow: where it stops, what it learnt, the steps it took. */
export class Walk {
  node: NodeId;
  vars: Record<string, unknown>;
  attempts: Record<string, number>;
  steps: Array<{ step: CallStep; facts: { language?: string; districtId?: number } }> = [];

  constructor(
    private db: Kysely<DB>,
    private now: Date,
    private flow: FlowDefinition,
    private call: CallFacts,
    session: Session,
    private reference?: ReferenceCache,
  ) {
    this.node = session.node;
    this.vars = { ...session.vars };
    this.attempts = { ...session.attempts };
  }

  private get language() {
    return String(this.vars.language ?? this.flow.languages[0]?.code ?? 'en');
  }

  private step(node: string, input?: string, facts: { language?: string; districtId?: number } = {}) {
    this.steps.push({
      step: { node, ...(input !== undefined ? { input } : {}), at: this.now.toISOString() },
      facts,
    });
  }

  /** Prompts with their `$variable` parameters filled in; a prompt whose variable is unknown is left out. */
  private resolve(prompts: PromptRef[]): PromptRef[] {
    const out: PromptRef[] = [];
    for (const prompt of prompts) {
      // Every prompt names its language, so a carrier needs nothing but the instruction to speak it.
      const params: Record<string, string | number> = { lang: this.language };
      let missing = false;
      for (const [name, value] of Object.entries(prompt.params ?? {})) {
        if (typeof value === 'string' && /^\$[a-z_]+$/.test(value)) {
          const found = this.vars[value.slice(1)];
          if (found === undefined || found === null) missing = true;
          else params[name] = typeof found === 'number' ? found : String(found);
        } else params[name] = value;
      }
      if (!missing) out.push({ key: prompt.key, params });
    }
    return out;
  }

  private nodeAt(id: NodeId): FlowNode {
    const node = this.flow.nodes[id];
    if (!node) throw new Error(`flow has no node "${id}"`);
    return node;
  }

  /** The caller answered the instruction the call is waiting on. */
  async answer(input: TurnInput): Promise<Instruction> {
    const id = this.node;
    const node = this.nodeAt(id);
    if (input.hangup) {
      if (node.kind === 'record' && input.recording?.content.byteLength)
        await this.saveRecording(node, input);
      this.step(id, 'hangup');
      return this.end(String(this.vars.outcome ?? 'hung_up'));
    }
    if (node.kind === 'gather') {
      const digits = this.understood(id, node, input);
      const agent = this.flow.agentKey !== undefined && digits === this.flow.agentKey && this.flow.agentNode;
      if (digits && node.choices) {
        const next = node.choices[digits];
        if (next) return this.passed(id, next);
        if (agent) return this.passed(id, agent);
      } else if (digits && node.store) {
        if (agent) return this.passed(id, agent);
        this.vars[node.store] = digits;
        return this.passed(id, node.next as NodeId);
      }
      return this.retry(id, node.retries, node.retryPrompts, node.fail, node);
    }
    if (node.kind === 'record') {
      if (hasRecording(input)) {
        await this.saveRecording(node, input);
        this.step(id, 'recording');
        return this.passed(id, node.next);
      }
      this.step(id, input.digits === this.flow.agentKey ? input.digits : 'no_recording');
      return this.retry(id, node.retries, node.retryPrompts, node.fail, node);
    }
    // The queue, the dialled number or the message is over: the call ends.
    this.step(id, 'done');
    return this.end(node.kind === 'enqueue' ? 'agent' : node.kind === 'dial' ? 'dialled' : 'hung_up');
  }

  /**
   * The keys a gather's answer comes to, with the step on the call's path: keys as pressed, or what a
   * listening gather heard (matched to a menu key by its phrases, or numbers said aloud for a free
   * entry). Speech the recogniser was unsure of, or that matches nothing, comes to no keys: the retry.
   */
  private understood(id: NodeId, node: Extract<FlowNode, { kind: 'gather' }>, input: TurnInput) {
    const pressed = input.timeout ? '' : (input.digits ?? '').trim();
    if (pressed || input.timeout || input.speech === undefined || !listens(node)) {
      this.step(id, pressed || 'timeout');
      return pressed;
    }
    const heard = input.speech.trim().slice(0, 200);
    const sure = input.confidence === undefined || input.confidence >= MIN_CONFIDENCE;
    const agentKey = this.flow.agentKey !== undefined && this.flow.agentNode ? [this.flow.agentKey] : [];
    let keys = '';
    if (sure && node.choices)
      keys = matchSpeech(heard, node.phrases ?? {}, [...Object.keys(node.choices), ...agentKey]) ?? '';
    else if (sure)
      keys =
        matchSpeech(heard, node.phrases ?? {}, []) ??
        (spokenDigits(normaliseSpeech(heard)) ?? '').slice(0, node.maxDigits);
    this.steps.push({
      step: {
        node: id,
        input: keys || (sure ? 'no_match' : 'unsure'),
        heard,
        ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
        at: this.now.toISOString(),
      },
      facts: {},
    });
    return keys;
  }

  private passed(id: NodeId, next: NodeId) {
    delete this.attempts[id];
    return this.from(next);
  }

  private retry(
    id: NodeId,
    retries: number,
    retryPrompts: PromptRef[],
    fail: NodeId,
    node: Extract<FlowNode, { kind: 'gather' | 'record' }>,
  ): Promise<Instruction> {
    const tries = (this.attempts[id] ?? 0) + 1;
    if (tries > retries) {
      delete this.attempts[id];
      return this.from(fail);
    }
    this.attempts[id] = tries;
    // Ask again with what was said with the question the first time (a list read out by a lookup).
    const asked = (this.vars._asked as PromptRef[] | undefined) ?? this.resolve(node.prompts);
    return Promise.resolve(this.waitOn(id, node, [...this.resolve(retryPrompts), ...asked], false));
  }

  private waitOn(
    id: NodeId,
    node: Extract<FlowNode, { kind: 'gather' | 'record' }>,
    prompts: PromptRef[],
    remember = true,
  ): Instruction {
    this.node = id;
    if (remember) this.vars._asked = prompts;
    if (node.kind === 'gather')
      return {
        kind: 'gather',
        prompts,
        maxDigits: node.maxDigits,
        timeoutSeconds: node.timeoutSeconds,
        ...(node.finishOnKey ? { finishOnKey: node.finishOnKey } : {}),
        ...(listens(node) ? { speech: { language: this.language, hints: speechHints(node.phrases) } } : {}),
      };
    return { kind: 'record', prompts, maxSeconds: node.maxSeconds, finishOnKey: node.finishOnKey };
  }

  /** Walks from a node, saying what is said on the way, to the next node that waits for the caller. */
  async from(start: NodeId, said: PromptRef[] = []): Promise<Instruction> {
    const prompts = [...said];
    let id = start;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const node = this.nodeAt(id);
      switch (node.kind) {
        case 'say':
          prompts.push(...this.resolve(node.prompts));
          id = node.next;
          break;
        case 'set': {
          const before = this.language;
          Object.assign(this.vars, node.vars);
          if (this.language !== before) this.step(id, this.language, { language: this.language });
          id = node.next;
          break;
        }
        case 'redirect':
          id = node.next;
          break;
        case 'lookup': {
          const result = await runLookup(node.lookup, {
            db: this.db,
            now: this.now,
            callId: this.call.id,
            caller: this.call.caller,
            citizenId: this.call.citizenId,
            language: this.language,
            vars: this.vars,
            reference: this.reference,
          });
          Object.assign(this.vars, result.vars ?? {});
          if (result.created) this.audit(`voice.${node.lookup}`, result.created.entity, result.created.id);
          this.step(id, result.outcome, result.facts ?? {});
          const key = `lookup:${id}`;
          if (result.outcome === 'invalid' && node.retry) {
            const tries = (this.attempts[key] ?? 0) + 1;
            if (tries > node.retry.times) {
              delete this.attempts[key];
              id = node.retry.fail;
            } else {
              this.attempts[key] = tries;
              prompts.push(...this.resolve(node.retry.prompts));
              id = node.retry.to;
            }
            break;
          }
          delete this.attempts[key];
          prompts.push(...this.resolve(result.prompts ?? []));
          const next = node.outcomes[result.outcome];
          if (!next)
            throw new Error(
              `lookup ${node.lookup} answered "${result.outcome}" and node ${id} has no branch`,
            );
          id = next;
          break;
        }
        case 'gather':
        case 'record':
          return this.waitOn(id, node, [...prompts, ...this.resolve(node.prompts)]);
        case 'enqueue': {
          const queued = await this.enqueue(id, node);
          if (queued)
            return {
              kind: 'enqueue',
              prompts: [...prompts, ...this.resolve(node.prompts)],
              queueId: queued,
              holdPrompts: this.resolve(node.holdPrompts),
            };
          id = node.closed;
          break;
        }
        case 'dial':
          this.node = id;
          this.step(id, node.number);
          return { kind: 'dial', prompts: [...prompts, ...this.resolve(node.prompts)], number: node.number };
        case 'hangup':
          this.node = id;
          this.step(id);
          await this.end(node.outcome);
          return { kind: 'hangup', prompts: [...prompts, ...this.resolve(node.prompts)] };
      }
    }
    throw new Error(`the flow walked ${MAX_HOPS} nodes without waiting for the caller`);
  }

  /** Puts the call in the queue for its language and district, when that queue is open. */
  private async enqueue(id: NodeId, node: Extract<FlowNode, { kind: 'enqueue' }>): Promise<number | null> {
    const districtId = (this.vars.district_id as number | undefined) ?? null;
    const want = { language: this.language, districtId, skill: node.skill };
    const [queue] = await cachedRead(this.reference, this.db, `queues:${JSON.stringify(want)}`, () =>
      queuesFor(this.db, want),
    );
    if (!queue) {
      this.step(id, 'no_queue');
      return null;
    }
    this.vars.queue_id = queue.id;
    const calendar = await cachedRead(
      this.reference,
      this.db,
      `calendar:${queue.calendar_id}:${queue.place_id}`,
      () => queueCalendar(this.db, queue),
    );
    if (calendar) {
      const { open, opensAt } = nextOpening(calendar, this.now);
      if (!open) {
        if (opensAt) {
          this.vars.opens_at = localDateTime(opensAt, calendar.timeZone);
          this.vars.opens_instant = opensAt.toISOString();
        }
        this.step(id, 'closed');
        return null;
      }
    }
    this.node = id;
    this.vars.outcome = node.outcome ?? 'queued';
    this.step(id, queue.code);
    await enqueueCall(this.db, this.now, this.call.id, queue.id);
    return queue.id;
  }

  private async saveRecording(node: Extract<FlowNode, { kind: 'record' }>, input: TurnInput) {
    const recording = input.recording?.content.byteLength ? input.recording : null;
    if (this.vars.draft_id) return;
    const draft = await createDraft(this.db, this.now, {
      channel: 'phone',
      interactionId: this.call.interactionId,
      callId: this.call.id,
      citizenId: this.call.citizenId,
      language: this.language,
      placeId: (this.vars.district_id as number | undefined) ?? null,
      data: {
        purpose: node.purpose,
        ...(this.vars.queue_id ? { queueId: this.vars.queue_id } : {}),
        ...(recording ? {} : { recordingUrl: input.recordingUrl }),
      },
      media: recording
        ? [{ mediaType: recording.mediaType, content: recording.content, durationMs: recording.durationMs }]
        : [],
    });
    this.vars.draft_id = draft.id;
    this.audit('voice.recording_saved', 'intake_draft', draft.id, {
      purpose: node.purpose,
      fetched: Boolean(recording),
    });
  }

  /** What the call changed, for the audit log (written in the turn's transaction). */
  audits: AuditEntry[] = [];
  audit(action: string, entity: string, entityId: number, data: Record<string, unknown> = {}) {
    this.audits.push({
      actorKind: 'system',
      actorId: null,
      action,
      entity,
      entityId: String(entityId),
      data,
    });
  }

  private async end(outcome: string): Promise<Instruction> {
    this.audit('voice.call_ended', 'call', this.call.id, { outcome });
    this.vars._ended = true;
    this.vars.outcome = outcome;
    await endCall(this.db, this.now, this.call.id, {
      outcome,
      summary: `Phone call (IVR, ${this.language}): ${outcome.replace(/_/g, ' ')}`,
    });
    return { kind: 'hangup', prompts: [] };
  }
}
