// For providers whose requests name no turn. Exotel's applets fetch what to say from one URL (Gather,
// Greeting, Connect) and report the caller's keys to another (Passthru); the turn handed out by the
// fetch is kept on the session, and the keys that follow answer that turn. A Passthru sent twice then
// names a turn already answered and gets the stored answer again (engine.ts), instead of moving the flow.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Instruction } from './instructions.ts';

/** The instruction the call waits on, marked as handed out. Null when the call is unknown. */
export async function serveTurn(
  db: Kysely<DB>,
  provider: string,
  providerCallId: string,
): Promise<{ turn: number; instruction: Instruction } | null> {
  const { rows } = await sql<{ turn: number; instruction: Instruction }>`
    with served as (
      update ivr_sessions s set served_turn = s.turn
        from calls c
       where c.id = s.call_id and c.provider = ${provider} and c.provider_call_id = ${providerCallId}
      returning s.call_id, s.turn
    )
    select served.turn, t.instruction
      from served join ivr_turns t on t.call_id = served.call_id and t.turn = served.turn`.execute(db);
  return rows[0] ?? null;
}

/** The turn last handed out: 'start' for a call not yet begun, else the turn its next keys answer. */
export async function servedTurn(
  db: Kysely<DB>,
  provider: string,
  providerCallId: string,
): Promise<number | 'start'> {
  const row = await db
    .selectFrom('ivr_sessions as s')
    .innerJoin('calls as c', 'c.id', 's.call_id')
    .select(['s.served_turn', 's.turn'])
    .where('c.provider', '=', provider)
    .where('c.provider_call_id', '=', providerCallId)
    .executeTakeFirst();
  if (!row) return 'start';
  return row.served_turn ?? row.turn;
}
