import { afterAll, describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import * as approval from '../../src/lib/server/approval';
import { seedReviewDemo } from '../../src/lib/server/approval/demo';
import { startBoss } from '../../src/lib/server/jobs';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql, url } = await demoDb();
const staff = await actorOf(sql, 'akturpak.staff');
const akTurpak = await territoryId(sql, SOATE.akTurpak);

const measure = async (stableId: string) =>
	(
		await sql<{ id: number; titleKy: string; titleRu: string }[]>`
			select n.id, n.title_ky, n.title_ru
			from plan_node n
			join catalogue_version v on v.id = n.version_id and v.is_current
			where n.stable_id = ${stableId}`
	)[0];

const planId = await plans.createPlan(sql, staff, {
	municipalityId: akTurpak,
	kind: 'wps_plan',
	title: '',
	titleRu: 'План Ак-Турпака по резолюции 1325',
	periodStart: 2026,
	periodEnd: 2027,
	sections: ['Коргоо', ''],
	sectionsRu: ['Защита', 'Участие'],
	envelopes: []
});
const view = () => plans.planView(sql, staff, planId);
const activityOf = async (id: number) =>
	(await view()).sections.flatMap((s) => s.activities).find((a) => a.id === id)!;
const fields = (a: plans.Activity): plans.ActivityInput => ({
	title: a.title,
	titleRu: a.titleRu,
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

describe('plans in both languages', () => {
	it('a plan and its sections may be titled in one language or both', async () => {
		const v = await view();
		expect([v.plan.title, v.plan.titleRu]).toEqual(['', 'План Ак-Турпака по резолюции 1325']);
		expect(v.sections.map((s) => [s.title, s.titleRu])).toEqual([
			['Коргоо', 'Защита'],
			['', 'Участие']
		]);
		await expect(plans.addSection(sql, staff, planId, ' ', '')).rejects.toMatchObject({
			code: 'error_section_title_required'
		});
		const ref = await plans.planRef(sql, planId);
		await expect(
			plans.updatePlan(sql, staff, planId, {
				kind: 'wps_plan',
				title: '',
				titleRu: '',
				envelopes: [],
				rowVersion: ref.rowVersion
			})
		).rejects.toMatchObject({
			code: 'error_plan_title_required'
		});
		const section = v.sections[1]!;
		await plans.updateSection(sql, staff, planId, section.id, {
			title: 'Катышуу',
			titleRu: 'Участие',
			rowVersion: 1
		});
		await expect(
			plans.updateSection(sql, staff, planId, section.id, {
				title: 'Х',
				titleRu: '',
				rowVersion: 1
			})
		).rejects.toMatchObject({ status: 409 });
		expect((await view()).sections[1]).toMatchObject({ title: 'Катышуу', titleRu: 'Участие' });
	});

	it('a measure picked in the Russian interface keeps the catalogue’s Kyrgyz and Russian texts', async () => {
		const m = (await measure('w25.m3.l1'))!;
		expect(m.titleKy).not.toBe('');
		expect(m.titleRu).not.toBe('');
		const sectionId = (await view()).sections[0]!.id;
		// the picker posts the same form whatever the page's language: adopting knows no interface language
		const { added } = await plans.adoptMeasures(sql, staff, planId, {
			sectionId,
			measureNodeIds: [m.id]
		});
		const a = await activityOf(added[0]!);
		expect([a.title, a.titleRu]).toEqual([m.titleKy, m.titleRu]);
		expect([a.provenance?.nationalText, a.provenance?.nationalTextRu]).toEqual([
			m.titleKy,
			m.titleRu
		]);
		// the Russian wording is adapted on its own; leaving it out of an update keeps it
		await plans.updateActivity(sql, staff, a.id, {
			...fields(a),
			titleRu: 'Открыть кризисную комнату в Ак-Турпаке'
		});
		const adapted = await activityOf(a.id);
		const { titleRu: _omitted, ...withoutRu } = fields(adapted);
		await plans.updateActivity(sql, staff, a.id, { ...withoutRu, responsible: 'Айыл өкмөтү' });
		expect(await activityOf(a.id)).toMatchObject({
			title: m.titleKy,
			titleRu: 'Открыть кризисную комнату в Ак-Турпаке',
			responsible: 'Айыл өкмөтү'
		});
	});

	it('an activity may have only a Russian wording but not none', async () => {
		const sectionId = (await view()).sections[1]!.id;
		const id = await plans.addLocalActivity(sql, staff, planId, {
			sectionId,
			title: '',
			titleRu: 'Уличное освещение у школы'
		});
		const a = await activityOf(id);
		expect([a.title, a.titleRu]).toEqual(['', 'Уличное освещение у школы']);
		await expect(
			plans.addLocalActivity(sql, staff, planId, { sectionId, title: '  ', titleRu: '' })
		).rejects.toMatchObject({ code: 'error_activity_title_required' });
		await expect(
			plans.updateActivity(sql, staff, id, { ...fields(a), title: '', titleRu: ' ' })
		).rejects.toMatchObject({ code: 'error_activity_title_required' });
		await plans.updateActivity(sql, staff, id, {
			...fields(a),
			title: 'Мектептин жанына көчө жарыгы',
			titleRu: ''
		});
		expect(await activityOf(id)).toMatchObject({
			title: 'Мектептин жанына көчө жарыгы',
			titleRu: ''
		});
		// and the database itself refuses an activity, section or plan without any wording
		await expect(
			sql`update activity set title = '', title_ru = '' where id = ${id}`
		).rejects.toThrow(/activity_wording_check/);
		await expect(
			sql`update plan_section set title = ' ', title_ru = '' where id = ${sectionId}`
		).rejects.toThrow(/plan_section_wording_check/);
		await expect(
			sql`update local_plan set title = '', title_ru = '' where id = ${planId}`
		).rejects.toThrow(/local_plan_wording_check/);
	});

	it('a submission problem carries both wordings, for the reader’s language', async () => {
		const a = (await view()).sections[1]!.activities[0]!;
		const problems = (await approval.submissionProblems(sql, planId)).filter(
			(p) => p.activityId === a.id
		);
		expect(problems[0]).toMatchObject({
			params: { title: 'Мектептин жанына көчө жарыгы' },
			wording: { ky: 'Мектептин жанына көчө жарыгы', ru: '' }
		});
	});
});

const boss = await startBoss({ databaseUrl: url, sql, work: false });
afterAll(() => boss.stop({ graceful: false }));

describe('revisions', () => {
	it('a revision copies both wordings', async () => {
		await seedReviewDemo(sql, boss);
		const kyshtutStaff = await actorOf(sql, 'kyshtut.staff');
		const { id: approvedId } = (
			await sql<
				{ id: number }[]
			>`select id from local_plan where state = 'approved' and municipality_id = ${await territoryId(sql, SOATE.kyshtut)}`
		)[0]!;
		const revisionId = await approval.startRevision(sql, kyshtutStaff, approvedId);
		const [orig, copy] = await Promise.all([
			plans.planView(sql, kyshtutStaff, approvedId),
			plans.planView(sql, kyshtutStaff, revisionId)
		]);
		const wordings = (v: plans.PlanView) => ({
			plan: [v.plan.title, v.plan.titleRu],
			sections: v.sections.map((s) => [s.title, s.titleRu]),
			activities: v.sections.flatMap((s) =>
				s.activities.map((a) => [
					a.title,
					a.titleRu,
					a.provenance?.nationalText,
					a.provenance?.nationalTextRu
				])
			)
		});
		expect(wordings(copy)).toEqual(wordings(orig));
		// the demo gives the plan, its sections and its adopted activities Russian wordings
		expect(orig.plan.titleRu).not.toBe('');
		expect(orig.sections.every((s) => s.titleRu !== '')).toBe(true);
		expect(
			orig.sections
				.flatMap((s) => s.activities)
				.every((a) => a.titleRu !== '' && a.provenance?.nationalTextRu)
		).toBe(true);
		// and the approved version's snapshot, read back, has them too
		const { view: frozen } = await (
			await import('../../src/lib/server/documents')
		).publicPlan(sql, approvedId);
		expect(wordings(frozen)).toEqual(wordings(orig));
	});

	it('an accepted amendment changes only the wording it proposes', async () => {
		const kyshtutStaff = await actorOf(sql, 'kyshtut.staff');
		const deputy = await actorOf(sql, 'kyshtut.deputy');
		const { id: submittedId } = (
			await sql<
				{ id: number }[]
			>`select id from local_plan where state = 'submitted' and municipality_id = ${await territoryId(sql, SOATE.kyshtut)}`
		)[0]!;
		const before = (await plans.planView(sql, deputy, submittedId)).sections.flatMap(
			(s) => s.activities
		)[0]!;
		const id = await approval.proposeAmendment(sql, deputy, submittedId, {
			targetKind: 'activity',
			targetId: before.id,
			proposed: {
				title: '',
				titleRu: 'Финансировать мероприятия совета женщин из местного бюджета'
			},
			reason: ''
		});
		await approval.decideAmendment(sql, kyshtutStaff, id, { accept: true, reason: '' });
		const after = (await plans.planView(sql, deputy, submittedId)).sections.flatMap(
			(s) => s.activities
		)[0]!;
		expect([after.title, after.titleRu]).toEqual([
			before.title,
			'Финансировать мероприятия совета женщин из местного бюджета'
		]);
	});
});
