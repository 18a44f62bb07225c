import { afterAll, describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import * as approval from '../../src/lib/server/approval';
import * as users from '../../src/lib/server/users';
import { startBoss } from '../../src/lib/server/jobs';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql, url } = await demoDb();
const boss = await startBoss({ databaseUrl: url, sql, work: false });
afterAll(() => boss.stop({ graceful: false }));
// an endpoint is configured, so approval queues a delivery of the feed document
await sql`insert into feed_endpoint (url, key_id, secret) values ('http://127.0.0.1:9/api/v1/feed', 'test', '0123456789abcdef')`;

const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
await users.create(sql, admin, {
	username: 'akturpak.secretary',
	fullName: 'Бурул Асанова',
	password: 'long-enough-pass',
	role: { role: 'deputy', territoryId: akTurpak }
});
const secretary = await actorOf(sql, 'akturpak.secretary');

// a roster of 7 instead of the demo's: the secretary is linked to her entry
await sql`update deputy set active = false, is_secretary = false, user_id = null where municipality_id = ${akTurpak}`;
const roster: number[] = [];
for (const [i, sex] of ['female', 'male', 'female', 'male', 'male', 'female', 'male'].entries()) {
	const { id } = (
		await sql<{ id: number }[]>`
		insert into deputy (municipality_id, full_name, sex, is_secretary, user_id)
		values (${akTurpak}, ${'Депутат ' + (i + 1)}, ${sex}, ${i === 0}, ${i === 0 ? secretary.id : null}) returning id`
	)[0]!;
	roster.push(id);
}

const { id: planId } = (
	await sql<
		{ id: number }[]
	>`select id from local_plan where municipality_id = ${akTurpak} order by id limit 1`
)[0]!;
const ref = () => plans.planRef(sql, planId);
const anyActivity = async () =>
	(
		await sql<
			{ id: number; title: string }[]
		>`select id, title from activity where local_plan_id = ${planId} order by id limit 1`
	)[0];
const anyLine = async () =>
	(
		await sql<
			{ id: number; amount: string; activityId: number }[]
		>`select b.id, b.amount::text as amount, b.activity_id from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId} and b.marker = 1 order by b.id limit 1`
	)[0];
const session = (over: Partial<approval.SessionInput> = {}): approval.SessionInput => ({
	sessionDate: '2026-03-12',
	presentDeputyIds: roster.slice(0, 5),
	votesFor: 4,
	votesAgainst: 1,
	votesAbstained: 0,
	decisionNumber: '14',
	outcome: 'approved',
	...over
});
const jobs = async () =>
	(
		await sql`select name from pgboss.job where name in ('plan.render', 'feed.deliver') order by name`
	).map((r) => r.name);

describe('states and transitions', () => {
	it('a plan with an activity without an indicator cannot be submitted; every problem points at its activity', async () => {
		const extra = await plans.addLocalActivity(sql, staff, planId, {
			sectionId: (
				await sql`select id from plan_section where local_plan_id = ${planId} order by position limit 1`
			)[0]!.id,
			title: 'Индикаторсуз иш-чара'
		});
		const result = await approval.submit(sql, staff, planId);
		expect(result.problems).toEqual([
			{
				code: 'problem_no_indicator',
				activityId: extra,
				params: { title: 'Индикаторсуз иш-чара' },
				wording: { ky: 'Индикаторсуз иш-чара', ru: '' }
			}
		]);
		expect((await ref()).state).toBe('draft');
		await plans.deleteActivity(sql, staff, extra, { rowVersion: 1 });
	});

	it('only staff submit; a deputy, the oblast or the secretary cannot', async () => {
		for (const actor of [deputy, oblast, secretary, admin])
			await expect(approval.submit(sql, actor, planId)).rejects.toMatchObject({ status: 403 });
		expect((await ref()).state).toBe('draft');
	});

	it('staff submit a complete plan; the deputies are notified; editing is then locked with the reason', async () => {
		expect(await approval.submit(sql, staff, planId)).toEqual({ problems: [] });
		expect((await ref()).state).toBe('submitted');
		expect(await approval.notifications.unreadCount(sql, deputy)).toBeGreaterThan(0);
		expect(await approval.notifications.unreadCount(sql, secretary)).toBeGreaterThan(0);
		const a = (await anyActivity())!;
		await expect(
			plans.updateActivity(sql, staff, a.id, {
				title: 'X',
				reason: '',
				responsible: '',
				partners: '',
				targetGroups: '',
				startYear: null,
				startQuarter: null,
				endYear: null,
				endQuarter: null,
				rowVersion: 99
			})
		).rejects.toMatchObject({ code: 'error_plan_locked_submitted' });
		await expect(approval.submit(sql, staff, planId)).rejects.toMatchObject({
			code: 'error_plan_already_submitted',
			status: 409
		});
	});
});

describe('comments and amendments', () => {
	it('deputies comment on a budget line in a thread; staff are notified', async () => {
		const line = (await anyLine())!;
		const before = await approval.notifications.unreadCount(sql, staff);
		const id = await approval.addComment(sql, deputy, planId, {
			targetKind: 'budget_line',
			targetId: line.id,
			body: 'Бул сумма эмнеге мынча көп?'
		});
		await approval.addComment(sql, staff, planId, {
			targetKind: 'budget_line',
			targetId: line.id,
			parentId: id,
			body: 'Смета тиркелген.'
		});
		expect(await approval.notifications.unreadCount(sql, staff)).toBe(before + 1);
		const thread = (await approval.comments(sql, oblast, planId)).filter(
			(c) => c.targetId === line.id
		);
		expect(thread.map((c) => [c.author, c.parentId === null])).toEqual([
			['akturpak.deputy', true],
			['akturpak.staff', false]
		]);
		await expect(
			approval.addComment(sql, deputy, planId, {
				targetKind: 'budget_line',
				targetId: 999999,
				body: 'x'
			})
		).rejects.toMatchObject({ code: 'error_comment_target' });
	});

	it('accepting an amendment changes exactly what it proposed and records it', async () => {
		const line = (await anyLine())!;
		const before = await sql`select * from budget_line where id = ${line.id}`;
		const id = await approval.proposeAmendment(sql, deputy, planId, {
			targetKind: 'budget_line',
			targetId: line.id,
			proposed: { amount: '12 345,50' },
			reason: 'Смета боюнча'
		});
		await expect(
			approval.decideAmendment(sql, deputy, id, { accept: true, reason: '' })
		).rejects.toMatchObject({ status: 403 });
		await approval.decideAmendment(sql, staff, id, { accept: true, reason: '' });
		const [after] = await sql`select * from budget_line where id = ${line.id}`;
		expect(after!.amount).toBe('12345.50');
		const { amount: _a, rowVersion: _r, ...restAfter } = after!;
		const { amount: _b, rowVersion: _s, ...restBefore } = before[0]!;
		expect(restAfter).toEqual(restBefore);
		expect(after!.rowVersion).toBe(before[0]!.rowVersion + 1);
		const [rec] =
			await sql`select user_id, action, before, after from audit_log where entity = 'budget_line' and entity_id = ${String(line.id)} and action = 'amend'`;
		expect(rec).toMatchObject({
			userId: staff.id,
			before: { amount: line.amount },
			after: { amount: '12345.50' }
		});
		const list = await approval.amendments(sql, deputy, planId);
		expect(list.find((a) => a.id === id)).toMatchObject({
			state: 'accepted',
			decidedBy: 'akturpak.staff'
		});
		await expect(
			approval.decideAmendment(sql, staff, id, { accept: false, reason: 'кеч' })
		).rejects.toMatchObject({ code: 'error_amendment_decided' });
	});

	it('rejecting an amendment needs a reason and changes nothing', async () => {
		const a = (await anyActivity())!;
		const snapshot = JSON.stringify(
			await sql`select * from activity where local_plan_id = ${planId} order by id`
		);
		const id = await approval.proposeAmendment(sql, deputy, planId, {
			targetKind: 'activity',
			targetId: a.id,
			proposed: { title: 'Жаңы жазылыш' },
			reason: ''
		});
		await expect(
			approval.decideAmendment(sql, staff, id, { accept: false, reason: ' ' })
		).rejects.toMatchObject({ code: 'error_amendment_reason' });
		await approval.decideAmendment(sql, staff, id, {
			accept: false,
			reason: 'Улуттук тексттен алыстап кетет'
		});
		expect(
			JSON.stringify(await sql`select * from activity where local_plan_id = ${planId} order by id`)
		).toBe(snapshot);
		expect((await approval.amendments(sql, deputy, planId)).find((x) => x.id === id)).toMatchObject(
			{ state: 'rejected', decisionReason: 'Улуттук тексттен алыстап кетет' }
		);
	});

	it('staff and the oblast cannot propose amendments; bad proposals are refused with the reason', async () => {
		const line = (await anyLine())!;
		for (const actor of [staff, oblast])
			await expect(
				approval.proposeAmendment(sql, actor, planId, {
					targetKind: 'budget_line',
					targetId: line.id,
					proposed: { amount: '1' },
					reason: ''
				})
			).rejects.toMatchObject({ status: 403 });
		await expect(
			approval.proposeAmendment(sql, deputy, planId, {
				targetKind: 'budget_line',
				targetId: line.id,
				proposed: { amount: '-5' },
				reason: ''
			})
		).rejects.toMatchObject({ code: 'error_money_negative' });
		await expect(
			approval.proposeAmendment(sql, deputy, planId, {
				targetKind: 'budget_line',
				targetId: line.id,
				proposed: { marker: '2' },
				reason: ''
			})
		).rejects.toMatchObject({ code: 'error_marker2_justification' });
		await expect(
			approval.proposeAmendment(sql, deputy, planId, {
				targetKind: 'budget_line',
				targetId: line.id,
				proposed: {},
				reason: ''
			})
		).rejects.toMatchObject({ code: 'error_amendment_empty' });
	});
});

describe('the session', () => {
	it('only the secretary records it; quorum and majority are checked', async () => {
		for (const actor of [deputy, staff, oblast])
			await expect(
				approval.recordSession(sql, boss, actor, planId, session())
			).rejects.toMatchObject({ status: 403 });
		await expect(
			approval.recordSession(
				sql,
				boss,
				secretary,
				planId,
				session({ presentDeputyIds: roster.slice(0, 3), votesFor: 3, votesAgainst: 0 })
			)
		).rejects.toMatchObject({
			code: 'error_quorum',
			params: { present: 3, required: 4, roster: 7 }
		});
		await expect(
			approval.recordSession(
				sql,
				boss,
				secretary,
				planId,
				session({ votesFor: 2, votesAgainst: 2, votesAbstained: 1 })
			)
		).rejects.toMatchObject({ code: 'error_votes_majority' });
		await expect(
			approval.recordSession(
				sql,
				boss,
				secretary,
				planId,
				session({ votesFor: 5, votesAgainst: 1 })
			)
		).rejects.toMatchObject({ code: 'error_votes_exceed_present' });
		// the quorum is the municipality's setting: at 80 % of 7, six must be present
		await sql`insert into municipality_profile (municipality_id, quorum_percent) values (${akTurpak}, 80) on conflict (municipality_id) do update set quorum_percent = 80`;
		await expect(
			approval.recordSession(sql, boss, secretary, planId, session())
		).rejects.toMatchObject({ code: 'error_quorum', params: { present: 5, required: 6 } });
		await sql`update municipality_profile set quorum_percent = 50 where municipality_id = ${akTurpak}`;
		expect((await ref()).state).toBe('submitted');
		expect(await sql`select 1 from kenesh_session`).toHaveLength(0);
	});

	it('a returned plan goes back to draft with the session recorded, and can be submitted again', async () => {
		await approval.recordSession(
			sql,
			boss,
			secretary,
			planId,
			session({ outcome: 'returned', decisionNumber: '13', votesFor: 1, votesAgainst: 4 })
		);
		expect((await ref()).state).toBe('draft');
		const info = await approval.approvalInfo(sql, staff, planId);
		expect(info.sessions[0]).toMatchObject({ outcome: 'returned', decisionNumber: '13' });
		expect(info.approval).toBeNull();
		expect(
			(await sql`select kind from plan_event where local_plan_id = ${planId} order by id`).map(
				(e) => e.kind
			)
		).toEqual(['submitted', 'returned']);
		expect(await approval.submit(sql, staff, planId)).toEqual({ problems: [] });
		expect((await ref()).state).toBe('submitted');
	});

	it('the approval and its jobs are one transaction: a failure after approval leaves neither', async () => {
		// a failure at commit, after the approval and both jobs were written in the transaction
		await sql`create function test_fail_commit() returns trigger language plpgsql as $$
			begin raise exception 'crash after approval'; end $$`;
		await sql`create constraint trigger test_fail_commit after insert on plan_approval
			deferrable initially deferred for each row execute function test_fail_commit()`;
		try {
			await expect(approval.recordSession(sql, boss, secretary, planId, session())).rejects.toThrow(
				'crash after approval'
			);
		} finally {
			await sql`drop trigger test_fail_commit on plan_approval`;
			await sql`drop function test_fail_commit()`;
		}
		expect((await ref()).state).toBe('submitted');
		expect(await sql`select 1 from plan_approval`).toHaveLength(0);
		expect(await jobs()).toEqual([]);
		// nor the oblast and national figures
		expect(
			await sql`select 1 from monitoring_plan where municipality_id = ${akTurpak}`
		).toHaveLength(0);
	});

	it('approval freezes the version with its SHA-256, enqueues the document and feed jobs, and says why edits are locked', async () => {
		const { contentHash } = await approval.recordSession(sql, boss, secretary, planId, session());
		expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect((await ref()).state).toBe('approved');
		expect(await jobs()).toEqual(['feed.deliver', 'plan.render']);
		// the oblast and national figures count it with the approval, to the tyiyn of its summary
		const view = await plans.planView(sql, oblast, planId);
		const [figures] = await sql<
			{ budget: string; gender: string; gap: string; contentHash: string }[]
		>`
			select budget::text, gender::text, gap::text, content_hash
			from monitoring_plan
			where municipality_id = ${akTurpak}`;
		expect(figures).toEqual({
			budget: view.summary.total.total,
			gender: view.summary.total.genderAmount,
			gap: view.summary.total.unfunded,
			contentHash
		});
		const info = await approval.approvalInfo(sql, oblast, planId);
		expect(info.approval).toMatchObject({
			decisionNumber: '14',
			decisionDate: '2026-03-12',
			contentHash
		});
		expect(info.sessions[0]).toMatchObject({
			outcome: 'approved',
			votesFor: 4,
			present: 5,
			rosterSize: 7,
			quorumRequired: 4
		});
		expect(info.sessions).toHaveLength(2);
		const a = (await anyActivity())!;
		await expect(
			plans.updateActivity(sql, staff, a.id, {
				title: 'X',
				reason: '',
				responsible: '',
				partners: '',
				targetGroups: '',
				startYear: null,
				startQuarter: null,
				endYear: null,
				endQuarter: null,
				rowVersion: 1
			})
		).rejects.toMatchObject({
			code: 'error_plan_locked_approved',
			params: { number: '14', date: '12.03.2026' }
		});
		expect(await approval.notifications.unreadCount(sql, staff)).toBeGreaterThan(0);
	});

	it('an UPDATE or DELETE on an approved version, made directly in SQL, fails', async () => {
		const a = (await anyActivity())!;
		const line = (await anyLine())!;
		const attempts = [
			sql`update activity set title = 'tampered' where id = ${a.id}`,
			sql`delete from activity where id = ${a.id}`,
			sql`update budget_line set amount = 1 where id = ${line.id}`,
			sql`delete from budget_line where id = ${line.id}`,
			sql`insert into budget_line (activity_id, municipality_id, year, amount, source, marker, gender_share) values (${a.id}, ${akTurpak}, 2025, 1, 'local_budget', 0, 0)`,
			sql`update indicator set name = 'x' where activity_id = ${a.id}`,
			sql`update indicator_value set value = 0 where indicator_id in (select id from indicator where activity_id = ${a.id})`,
			sql`update plan_section set title = 'x' where local_plan_id = ${planId}`,
			sql`update local_plan_envelope set amount = 0 where local_plan_id = ${planId}`,
			sql`update local_plan set title = 'x' where id = ${planId}`,
			sql`delete from local_plan where id = ${planId}`,
			sql`update plan_approval set content_hash = repeat('0', 64) where local_plan_id = ${planId}`,
			sql`delete from plan_approval where local_plan_id = ${planId}`
		];
		for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: 'P0001' });
		expect((await anyActivity())!.title).toBe(a.title);
	});
});

describe('revision', () => {
	it('staff start a revision: a new draft with a copy of everything, the approved version untouched', async () => {
		await expect(approval.startRevision(sql, deputy, planId)).rejects.toMatchObject({
			status: 403
		});
		const revisionId = await approval.startRevision(sql, staff, planId);
		const [orig, copy] = await Promise.all([
			plans.planView(sql, staff, planId),
			plans.planView(sql, staff, revisionId)
		]);
		expect(copy.summary).toEqual(orig.summary);
		expect(copy.sections.flatMap((s) => s.activities.map((a) => a.title))).toEqual(
			orig.sections.flatMap((s) => s.activities.map((a) => a.title))
		);
		expect((await plans.planRef(sql, revisionId)).state).toBe('draft');
		await expect(approval.startRevision(sql, staff, planId)).rejects.toMatchObject({
			code: 'error_revision_open'
		});
		const a = copy.sections[0]!.activities[0]!;
		await plans.updateActivity(sql, staff, a.id, {
			title: 'Өзгөртүлгөн жазылыш',
			reason: a.reason,
			responsible: a.responsible,
			partners: a.partners,
			targetGroups: a.targetGroups,
			startYear: a.startYear,
			startQuarter: a.startQuarter,
			endYear: a.endYear,
			endQuarter: a.endQuarter,
			rowVersion: a.rowVersion
		});
		expect((await plans.planView(sql, staff, planId)).sections[0]!.activities[0]!.title).toBe(
			orig.sections[0]!.activities[0]!.title
		);
	});
});
