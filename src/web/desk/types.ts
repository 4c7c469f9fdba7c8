import type { Agent } from '../../desk/agents.ts';
import type { ScreenPop as ServerScreenPop } from '../../desk/screen-pop.ts';
import type { Wire } from '../wire.ts';

/** The signed-in agent's own state, as GET /api/desk/me returns it. */
export type DeskAgent = Wire<Pick<Agent, 'userId' | 'name' | 'state' | 'stateSince' | 'callId'>>;

export type ScreenPop = Wire<ServerScreenPop>;

export const OPEN = ['registered', 'assigned', 'in_progress', 'awaiting_info'];
