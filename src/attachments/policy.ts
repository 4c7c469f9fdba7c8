// Who may add and see attachments. No rules of their own: each kind borrows the grievance policy's
// rule for the action it serves, so attachments can never be more open than the grievance.
//
//   kind       may add                                             while the grievance is
//   evidence   whoever may provide information on it: the citizen  open (registered, assigned,
//              who raised it, an agent or supervisor for a caller   in progress, awaiting info)
//   proof      whoever may resolve it: the officer holding it,     assigned or in progress (the
//              a nodal officer in scope                              states a resolve starts from)
//
// Seeing attachments is reading the grievance: the citizen their own, staff what they may read. A
// grievance a caller may not read does not exist for them (404), here as everywhere.
//
// Anonymity: for an anonymous grievance the department sees the citizen's evidence (it needs it) but
// not who uploaded it nor the name the file had (which may be a name, a phone number, a place).
import type { Principal } from '../access/principal.ts';
import type { ActorKind, AttachmentKind, Status } from '../db/schema.ts';
import { notFound, refusal } from '../errors.ts';
import { type ActionType, canAct, canRead, type ScopedGrievance, TRANSITIONS } from '../grievances/index.ts';

export interface AttachedGrievance extends ScopedGrievance {
  id: number;
  reference: string;
  status: Status;
  anonymous: boolean;
}

const ACTION_FOR: Record<AttachmentKind, ActionType> = { evidence: 'provide_info', proof: 'resolve' };
const OPEN: readonly Status[] = ['registered', 'assigned', 'in_progress', 'awaiting_info'];
// Read when called, not when this module loads: the lifecycle imports this capability (to link proof
// to the resolve event), so TRANSITIONS may not be initialised yet while the modules load.
const statesFor = (kind: AttachmentKind): readonly Status[] =>
  kind === 'proof' ? TRANSITIONS.resolve.from : OPEN;

/** Citizens add evidence, everyone else proof, unless they say otherwise. */
export const defaultKind = (principal: Principal): AttachmentKind =>
  principal.kind === 'citizen' ? 'evidence' : 'proof';

/** Throws unless `principal` may read the grievance (404 otherwise, as for the grievance itself). */
export function assertReadable(principal: Principal, g: AttachedGrievance | undefined, reference: string) {
  if (!g || !canRead(principal, g)) throw notFound('grievance', reference);
  return g;
}

/** Throws unless `principal` may add an attachment of `kind` to the grievance now. */
export function assertMayAttach(
  principal: Principal,
  g: AttachedGrievance | undefined,
  reference: string,
  kind: AttachmentKind,
) {
  const grievance = assertReadable(principal, g, reference);
  if (!canAct(principal, grievance, ACTION_FOR[kind])) {
    throw refusal(
      'forbidden',
      'attach_not_yours',
      kind === 'proof'
        ? 'only the officer handling this grievance may add proof of its resolution'
        : 'only the citizen who raised this grievance, or an agent for them, may add evidence to it',
    );
  }
  if (!statesFor(kind).includes(grievance.status)) {
    throw refusal(
      'conflict',
      kind === 'proof' ? 'proof_not_open' : 'attach_not_open',
      kind === 'proof'
        ? `proof can be added while the grievance is assigned or in progress; it is ${grievance.status.replace('_', ' ')}`
        : `photos can be added while the grievance is open; it is ${grievance.status.replace('_', ' ')}` +
            (grievance.status === 'resolved' ? ' (reopen it first if the problem is not fixed)' : ''),
    );
  }
  return grievance;
}

/** The uploader and file name as this viewer may see them. */
export function visibleOrigin(
  viewer: Principal,
  g: { anonymous: boolean },
  row: {
    kind: AttachmentKind;
    uploader_kind: ActorKind;
    uploader_id: number | null;
    file_name: string | null;
  },
): { uploadedBy: { kind: ActorKind; id: number | null }; fileName: string | null } {
  const department = viewer.kind === 'staff' || viewer.kind === 'api' || viewer.kind === 'public';
  // A citizen uploader is never named by id, to anyone: the same id on their named grievances would say
  // who raised an anonymous one. Citizens see that an officer added proof, not which account did.
  const id = row.uploader_kind === 'citizen' || viewer.kind === 'citizen' ? null : row.uploader_id;
  if (department && g.anonymous && row.kind === 'evidence') {
    return { uploadedBy: { kind: row.uploader_kind, id }, fileName: null };
  }
  return { uploadedBy: { kind: row.uploader_kind, id }, fileName: row.file_name };
}
