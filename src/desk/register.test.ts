// Registering at the desk: the walk-in slip, quality sampling at the configured share of each agent's
// registrations with checklist scores, the monthly cap with an audited override, and flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildAgent } from '../../test/desk.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import type { StaffPrincipal } from '../access/principal.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { clearFlag, flagCitizen, openFlags } from './flags.ts';
import { listReviews, reviewRegistration, scoresByAgent } from './quality.ts';
import { acknowledgementSlip, registerAtDesk } from './register.ts';

describe.each(databases)('registering at the desk on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  const clock = manualClock('2026-03-10T04:30:00Z');
  const deps = () => ({ db: database.db, clock });
  beforeAll(async () => {
    database = await open();
    d = await buildDeployment(deps());
  });
  afterAll(async () => {
    await database?.close();
  });

  const as = (userId: number) => ({
    principal: {
      kind: 'staff',
      userId,
      name: 'agent',
      grants: [{ role: 'agent', departmentId: null, placePath: null }],
      positionIds: [],
      mfaPending: false,
    } satisfies StaffPrincipal,
    who: { actorKind: 'staff', actorId: userId, ip: '10.0.0.7' },
  });
  const walkIn = (agent: number, phone: string, extra: { capOverride?: string } = {}) => {
    const { principal, who } = as(agent);
    return registerAtDesk(
      deps(),
      {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'Hand pump broken',
        description: 'Came to the block office in person.',
        language: 'hi',
        citizen: { phone, name: 'Bhagwati' },
        centrePlaceId: d.block.id,
        ...extra,
      },
      principal,
      who,
    );
  };

  it('prints a slip for a walk-in: reference, office, promised date, centre', async () => {
    const agent = await buildAgent(database.db, clock.now(), 'Centre clerk');
    const g = await walkIn(agent, '+919811100001');
    const slip = await acknowledgementSlip(database.db, g.reference);
    expect(slip).toMatchObject({
      reference: g.reference,
      office: d.chain[0]?.title,
      promisedBy: expect.any(Date),
      centre: { en: 'Biaora' },
      department: d.department.name,
    });
    const visit = await database.db
      .selectFrom('grievances as g')
      .innerJoin('interaction_grievances as ig', 'ig.grievance_id', 'g.id')
      .innerJoin('interactions as i', 'i.id', 'ig.interaction_id')
      .select(['g.channel', 'i.channel as contact', 'i.created_by as by'])
      .where('g.reference', '=', g.reference)
      .executeTakeFirstOrThrow();
    expect(visit).toEqual({ channel: 'walk_in', contact: 'walk_in', by: agent });
  });

  it("samples exactly the configured share of each agent's registrations and scores them on the checklist", async () => {
    const { db } = database;
    await db.updateTable('desk_settings').set({ quality_share_percent: 20 }).execute();
    const busy = await buildAgent(db, clock.now(), 'Busy agent');
    const quiet = await buildAgent(db, clock.now(), 'Quiet agent');
    const sampled: boolean[] = [];
    for (let i = 0; i < 10; i++)
      sampled.push((await walkIn(busy, `+91982000${String(i).padStart(4, '0')}`)).sampled);
    for (let i = 0; i < 4; i++) await walkIn(quiet, `+91983000${String(i).padStart(4, '0')}`);
    // 20 % of 10: the 5th and the 10th; 20 % of 4 rounds down to none yet.
    expect(sampled).toEqual([false, false, false, false, true, false, false, false, false, true]);
    const pending = await listReviews(db, { status: 'pending' });
    expect(pending.map((r) => r.agent)).toEqual(['Busy agent', 'Busy agent']);

    const reviewer = { actorKind: 'staff', actorId: null, ip: null };
    const full = {
      category_correct: 2,
      place_correct: 2,
      description_complete: 2,
      language_right: 2,
      courteous: 2,
    };
    const [a, b] = pending as [(typeof pending)[0], (typeof pending)[0]];
    expect(
      await reviewRegistration(db, clock.now(), a.id, { scores: full, outcome: 'passed' }, reviewer),
    ).toMatchObject({ score: 100 });
    await expect(
      reviewRegistration(
        db,
        clock.now(),
        b.id,
        { scores: { ...full, place_correct: 0 }, outcome: 'returned' },
        reviewer,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' }); // returning needs the reason
    expect(
      await reviewRegistration(
        db,
        clock.now(),
        b.id,
        {
          scores: { ...full, place_correct: 0, description_complete: 1 },
          outcome: 'returned',
          comments: 'Wrong village chosen',
        },
        reviewer,
      ),
    ).toMatchObject({ status: 'returned', score: 70 });
    await expect(
      reviewRegistration(db, clock.now(), b.id, { scores: full, outcome: 'passed' }, reviewer),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await scoresByAgent(db)).toEqual([
      {
        agentUserId: busy,
        agent: 'Busy agent',
        month: '2026-03',
        reviewed: 2,
        returned: 1,
        averageScore: 85,
      },
    ]);
    await db.updateTable('desk_settings').set({ quality_share_percent: 0 }).execute();
  });

  it('holds a citizen to the monthly cap unless the agent gives a reason, which is audited', async () => {
    const { db } = database;
    await db.updateTable('desk_settings').set({ monthly_cap: 2 }).execute();
    const agent = await buildAgent(db, clock.now(), 'Cap agent');
    const phone = '+919844400001';
    await walkIn(agent, phone);
    await walkIn(agent, phone);
    await expect(walkIn(agent, phone)).rejects.toMatchObject({
      code: 'conflict',
      details: [{ code: 'monthly_cap_reached' }],
    });
    const over = await walkIn(agent, phone, { capOverride: 'Different hand pump, different hamlet' });
    const row = await db
      .selectFrom('desk_registrations as r')
      .innerJoin('grievances as g', 'g.id', 'r.grievance_id')
      .select('r.cap_override_reason')
      .where('g.reference', '=', over.reference)
      .executeTakeFirstOrThrow();
    expect(row.cap_override_reason).toBe('Different hand pump, different hamlet');
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'reason', 'data', 'ip'])
      .where('action', '=', 'desk.cap_override')
      .execute();
    expect(audit).toEqual([
      {
        actor_id: agent,
        reason: 'Different hand pump, different hamlet',
        data: { used: 2, cap: 2 },
        ip: '10.0.0.7',
      },
    ]);
    // A new month (in India) starts the count again.
    clock.set('2026-03-31T19:00:00Z');
    expect((await walkIn(agent, phone)).reference).toBeTruthy();
    await db.updateTable('desk_settings').set({ monthly_cap: null }).execute();

    // A habitual complainant is flagged with a reason; nothing they send is refused for it.
    const citizen = await db
      .selectFrom('citizens')
      .select('id')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    await flagCitizen(
      db,
      clock.now(),
      citizen.id,
      'Five complaints about the same pump in a week',
      as(agent).who,
    );
    expect(await openFlags(db, citizen.id)).toMatchObject([
      { reason: 'Five complaints about the same pump in a week' },
    ]);
    expect((await walkIn(agent, phone)).reference).toBeTruthy();

    // A supervisor clears a flag that no longer holds, with the reason: the screen-pop no longer shows
    // it, the row keeps who cleared it, the audit says why, and clearing it again is refused.
    const flag = (await openFlags(db, citizen.id))[0];
    if (!flag) throw new Error('the flag is open');
    const supervisor = await buildAgent(database.db, clock.now(), 'Flag supervisor');
    await clearFlag(
      db,
      clock.now(),
      flag.id,
      'Checked: each complaint was a different pump',
      as(supervisor).who,
    );
    expect(await openFlags(db, citizen.id)).toEqual([]);
    const flagRow = await db
      .selectFrom('citizen_flags')
      .select(['cleared_by', 'cleared_at'])
      .where('id', '=', flag.id)
      .executeTakeFirstOrThrow();
    expect(flagRow.cleared_by).toBe(supervisor);
    expect(flagRow.cleared_at).toEqual(clock.now());
    const clearedAudit = await db
      .selectFrom('audit_log')
      .select(['reason', 'entity_id'])
      .where('action', '=', 'desk.clear_flag')
      .executeTakeFirstOrThrow();
    expect(clearedAudit).toEqual({
      reason: 'Checked: each complaint was a different pump',
      entity_id: String(citizen.id),
    });
    await expect(clearFlag(db, clock.now(), flag.id, 'again', as(supervisor).who)).rejects.toMatchObject({
      code: 'conflict',
      details: [{ code: 'not_in_this_state' }],
    });
    await expect(clearFlag(db, clock.now(), 999999, 'none', as(supervisor).who)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
