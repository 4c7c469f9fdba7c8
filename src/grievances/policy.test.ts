// The grievance policy as plain rules: who may read and act on a grievance, by role and scope.
import { describe, expect, it } from 'vitest';
import type { Grant, Principal } from '../access/principal.ts';
import { canAct, canRead, type ScopedGrievance } from './policy.ts';

const inDistrict: ScopedGrievance = { departmentId: 1, placePath: '/1/2/3/4/', positionId: 20, citizenId: 7 };

const staff = (grants: Grant[], positionIds: number[] = []): Principal => ({
  kind: 'staff',
  userId: 1,
  name: 'x',
  grants,
  positionIds,
  mfaPending: false,
});
// What loadStaffPrincipal gives someone who holds a position: the officer role, everywhere.
const officerGrant = { role: 'officer' as const, departmentId: null, placePath: null };

describe('grievance policy', () => {
  it('lets an officer act on grievances at the positions they hold', () => {
    const officer = staff([officerGrant], [20]);
    expect(canRead(officer, inDistrict)).toBe(true);
    expect(canAct(officer, inDistrict, 'resolve')).toBe(true);
    expect(canAct(officer, inDistrict, 'escalate')).toBe(false);
  });

  it('does not let holding one position act on grievances at another, even where they may read', () => {
    // The block officer is also the district's monitor: they may read the whole district...
    const officerAndMonitor = staff(
      [officerGrant, { role: 'monitor', departmentId: null, placePath: '/1/2/3/' }],
      [10],
    );
    expect(canRead(officerAndMonitor, inDistrict)).toBe(true);
    // ...but act only on their own position's grievances.
    for (const action of ['start', 'resolve', 'reject', 'transfer', 'request_info', 'note'] as const)
      expect(canAct(officerAndMonitor, inDistrict, action), action).toBe(false);
  });

  it('keeps citizens to their own grievances and their own actions', () => {
    const owner: Principal = { kind: 'citizen', citizenId: 7, phone: '+919800000007' };
    const other: Principal = { kind: 'citizen', citizenId: 8, phone: '+919800000008' };
    expect(canRead(owner, inDistrict)).toBe(true);
    expect(canAct(owner, inDistrict, 'reopen')).toBe(true);
    expect(canAct(owner, inDistrict, 'resolve')).toBe(false);
    expect(canRead(other, inDistrict)).toBe(false);
    expect(canAct(other, inDistrict, 'reopen')).toBe(false);
  });

  it('scopes a nodal officer to their department and place', () => {
    const nodal = staff([{ role: 'nodal_officer', departmentId: 1, placePath: '/1/2/3/' }]);
    expect(canAct(nodal, inDistrict, 'assign')).toBe(true);
    expect(canAct(nodal, { ...inDistrict, departmentId: 2 }, 'assign')).toBe(false);
    expect(canAct(nodal, { ...inDistrict, placePath: '/1/2/9/4/' }, 'assign')).toBe(false);
  });
});
