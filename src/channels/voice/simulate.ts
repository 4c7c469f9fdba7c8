// The admin area's test-call simulator: a call walked through a flow (the one being edited, saved or
// not) by the real engine, one keypad turn at a time, without a call ever existing. Each turn runs in a
// transaction that is always rolled back: a throwaway call row is made for the engine to write to, the
// walk runs exactly as for a real caller (district codes, the caller's grievances, hours, queues), and
// nothing it wrote survives: no call, interaction, queue entry, draft, callback or audit entry. Where
// the call stands travels with the browser (`state`), so the server keeps nothing between turns.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { startCall } from '../../calls/index.ts';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { Walk } from './engine.ts';
import type { FlowDefinition } from './flow.ts';
import type { Instruction, TurnInput } from './instructions.ts';
import { type Spoken, spokenPrompts } from './providers/common.ts';

export interface SimulatorState {
  node: string;
  vars: Record<string, unknown>;
  attempts: Record<string, number>;
}

export interface SimulatedTurn {
  instruction: Instruction;
  /** What the caller hears: recorded clips where they exist, the text always. */
  prompts: Spoken[];
  /** While waiting in a queue: the hold prompts. */
  holdPrompts: Spoken[];
  state: SimulatorState;
  ended: boolean;
  outcome: string | null;
  queue: { id: number; code: string; name: Record<string, string> } | null;
}

class Rollback extends Error {
  constructor(readonly result: SimulatedTurn) {
    super('simulated turn: rolled back');
  }
}

export async function simulateTurn(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: {
    definition: FlowDefinition;
    state: SimulatorState | null;
    turn: TurnInput;
    caller: string | null;
    base: string;
  },
): Promise<SimulatedTurn> {
  const now = deps.clock.now();
  const flow = input.definition;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const call = await startCall(trx, now, {
        provider: 'simulator',
        providerCallId: randomUUID(),
        caller: input.caller,
        called: null,
      });
      const session = input.state ?? {
        node: flow.start,
        vars: { language: flow.languages[0]?.code ?? 'en' },
        attempts: {},
      };
      const walk = new Walk(trx as Kysely<DB>, now, flow, call, {
        call_id: call.id,
        flow_id: 0,
        node: session.node,
        turn: 0,
        vars: session.vars,
        attempts: session.attempts,
        definition: flow,
      });
      const instruction = input.state ? await walk.answer(input.turn) : await walk.from(flow.start);
      const queueId = instruction.kind === 'enqueue' ? instruction.queueId : null;
      const queue = queueId
        ? await trx
            .selectFrom('call_queues')
            .select(['id', 'code', 'name'])
            .where('id', '=', queueId)
            .executeTakeFirst()
        : null;
      const [prompts, holdPrompts] = await Promise.all([
        spokenPrompts(trx, instruction.prompts, input.base),
        instruction.kind === 'enqueue' ? spokenPrompts(trx, instruction.holdPrompts, input.base) : [],
      ]);
      const ended = walk.vars._ended === true || instruction.kind === 'hangup';
      throw new Rollback({
        instruction,
        prompts,
        holdPrompts,
        state: { node: walk.node, vars: walk.vars, attempts: walk.attempts },
        ended,
        outcome: (walk.vars.outcome as string | undefined) ?? null,
        queue: queue ? { id: queue.id, code: queue.code, name: queue.name as Record<string, string> } : null,
      });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error('unreachable: a simulated turn always rolls back');
}
