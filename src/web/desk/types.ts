import type { I18nText } from '../api.ts';

export interface DeskAgent {
  userId: number;
  name: string;
  state: 'available' | 'on_call' | 'wrap_up' | 'break' | 'signed_out';
  stateSince: string;
  callId: number | null;
}

export interface ScreenPop {
  call: {
    id: number;
    interactionId: number;
    caller: string | null;
    state: string;
    language: string | null;
    district: { id: number; name: I18nText } | null;
    queue: { id: number; code: string; name: I18nText } | null;
    path: { node: string; input?: string; at: string }[];
    queuedAt: string | null;
    offeredAt: string | null;
    answeredAt: string | null;
    endedAt: string | null;
    disposition: string | null;
  };
  known: boolean;
  citizen: { id: number; phone: string; name: string | null; language: string } | null;
  flags: { id: number; reason: string; flaggedAt: string }[];
  cap: { limit: number | null; used: number };
  grievances: {
    reference: string;
    status: string;
    subject: string;
    anonymous: boolean;
    category: { id: number; name: I18nText };
    place: { id: number; name: I18nText };
    position: { title: I18nText; officer: string | null } | null;
    level: number | null;
    dueAt: string | null;
    createdAt: string;
  }[];
  contacts: {
    id: number;
    channel: string;
    direction: string;
    summary: string | null;
    startedAt: string;
    references: string[];
    disposition: string | null;
    path: { node: string; input?: string }[] | null;
  }[];
}

export const OPEN = ['registered', 'assigned', 'in_progress', 'awaiting_info'];
