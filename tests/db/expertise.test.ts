/**
 * Gender expertise of draft local acts ([13].3): registering an act, filling its checklist, the
 * question set kept as data and revised without code, who may read and who may fill, a version
 * check against lost edits under real parallel connections, and the checklist's PDF.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as expertise from '../../src/lib/server/expertise';
import * as users from '../../src/lib/server/users';
import { connect, type Sql } from '../../src/lib/server/db';
import { ConflictError, Forbidden, isDomainError } from '../../src/lib/server/errors';
import { readPdf, rasterisePage } from '../../src/lib/server/documents/read-pdf';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql, url } = await demoDb();

const admin = await actorOf(sql, 'admin');
const national = await actorOf(sql, 'national');
const oblast = await actorOf(sql, 'batken.oblast');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const kyshtutStaff = await actorOf(sql, 'kyshtut.staff');
const akTurpak = await expertise.scopeOf(sql, await territoryId(sql, SOATE.akTurpak));
const karakol = await expertise.scopeOf(sql, await territoryId(sql, SOATE.karakol));
await users.create(sql, admin, {
	username: 'issykkul.oblast',
	fullName: 'Ысык-Көл',
	password: 'long-enough-pass',
	role: { role: 'oblast', territoryId: await territoryId(sql, SOATE.issykKulOblast) }
});
const issykKulOblast = await actorOf(sql, 'issykkul.oblast');

const [activity] = await sql<{ id: number }[]>`
	select id from activity where municipality_id = ${akTurpak.municipalityId} order by id limit 1`;
// an activity of Kyshtut's own draft plan
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const [kyshtutPlan] = await sql<{ id: number }[]>`
	insert into local_plan (municipality_id, kind, title, period_start, period_end)
	values (${kyshtut}, 'gender_plan', 'Кыштут планы', 2026, 2027) returning id`;
const [kyshtutSection] = await sql<{ id: number }[]>`
	insert into plan_section (local_plan_id, municipality_id, title, position)
	values (${kyshtutPlan!.id}, ${kyshtut}, 'Бөлүм', 0) returning id`;
const [otherActivity] = await sql<{ id: number }[]>`
	insert into activity (local_plan_id, municipality_id, section_id, position, title)
	values (${kyshtutPlan!.id}, ${kyshtut}, ${kyshtutSection!.id}, 0, 'Кыштуттун иш-чарасы') returning id`;

const register = (title = 'Мектепке чейинки билим берүү жөнүндө токтомдун долбоору') =>
	expertise.create(sql, staff, akTurpak, {
		kind: 'kenesh_resolution',
		titleKy: title,
		titleRu: 'Проект постановления о дошкольном образовании',
		number: '24',
		actDate: '2026-03-12'
	});

/** Answers for every question of the act's set: the first 'yes', the rest 'partly'. */
async function fill(actId: number, over: Partial<expertise.ChecklistInput> = {}) {
	const act = await expertise.get(sql, staff, actId);
	await expertise.saveChecklist(sql, staff, actId, {
		rowVersion: act.rowVersion,
		setId: act.set.id,
		answers: Object.fromEntries(
			act.set.questions.map((q, i) => [
				q.id,
				{ answer: i === 0 ? 'yes' : 'partly', comment: `Түшүндүрмө ${i + 1}: үй-бүлөлөр, өңүттөр` }
			])
		),
		conclusion: 'Долбоор аялдардын кам көрүү жүгүн азайтат; ңөү.',
		outcome: 'recommended_with_changes',
		...over
	});
	return expertise.get(sql, staff, actId);
}

describe('the first question set', () => {
	it('is seeded by the migration in three languages, in order, with the seeds’ questions', async () => {
		const set = await expertise.currentSet(sql);
		expect(set.version).toBe(1);
		expect(set.questions.map((q) => q.position)).toEqual([1, 2, 3, 4, 5, 6]);
		for (const q of set.questions) {
			expect(q.text.ky).not.toBe('');
			expect(q.text.ru).not.toBe('');
			expect(q.text.en).not.toBe('');
		}
		expect(set.questions.map((q) => q.text.en).join(' ')).toMatch(
			/benefits[\s\S]*disaggregated by sex[\s\S]*participation[\s\S]*unpaid care[\s\S]*safety[\s\S]*women's organisations/
		);
	});
});

describe('filling a checklist', () => {
	it('staff register an act, link it to an activity of their plan and fill the checklist', async () => {
		const id = await register();
		const empty = await expertise.get(sql, staff, id);
		expect(empty).toMatchObject({ kind: 'kenesh_resolution', number: '24', actDate: '2026-03-12' });
		expect(empty.filled).toBe(false);
		await expertise.link(sql, staff, id, activity!.id);
		await expertise.link(sql, staff, id, activity!.id); // twice changes nothing
		const act = await fill(id);
		expect(act.filled).toBe(true);
		expect(act.outcome).toBe('recommended_with_changes');
		expect(Object.values(act.answers).map((a) => a.answer)).toEqual([
			'yes',
			...Array(act.set.questions.length - 1).fill('partly')
		]);
		expect(act.rowVersion).toBe(empty.rowVersion + 1);
		expect(act.activities.map((a) => a.id)).toEqual([activity!.id]);
		// and the activity shows the act
		const acts = await expertise.forActivity(sql, deputy, activity!.id);
		expect(acts.map((a) => a.id)).toContain(id);
		const [summary] = (await expertise.list(sql, staff, akTurpak)).filter((a) => a.id === id);
		expect(summary).toMatchObject({ answered: act.set.questions.length, questions: 6, version: 1 });
	});

	it('an act needs a title in Kyrgyz or Russian, and a known kind', async () => {
		await expect(
			expertise.create(sql, staff, akTurpak, {
				kind: 'kenesh_resolution',
				titleKy: ' ',
				titleRu: '',
				number: '',
				actDate: ''
			})
		).rejects.toMatchObject({ code: 'expertise_error_title_required', field: 'titleKy' });
		await expect(
			expertise.create(sql, staff, akTurpak, {
				kind: 'decree',
				titleKy: 'Долбоор',
				titleRu: '',
				number: '',
				actDate: ''
			})
		).rejects.toMatchObject({ code: 'expertise_error_kind' });
	});

	it('an act cannot be linked to an activity of another municipality', async () => {
		const id = await register();
		await expect(expertise.link(sql, staff, id, otherActivity!.id)).rejects.toMatchObject({
			code: 'expertise_error_activity'
		});
	});
});

describe('a revised question set', () => {
	it('leaves checklists already filled on their version; new and empty ones take the new one', async () => {
		const filledId = await register('Толтурулган долбоор');
		const emptyId = await register('Бош долбоор');
		const before = await fill(filledId);
		const v1 = await expertise.currentSet(sql);
		const revised = await expertise.revise(sql, national, {
			baseVersion: v1.version,
			questions: [
				...v1.questions.map((q) => ({
					textKy: q.text.ky,
					textRu: q.text.ru,
					textEn: q.text.en,
					hintKy: q.hint.ky,
					hintRu: q.hint.ru,
					hintEn: q.hint.en
				})),
				{
					textKy: 'Акт майыптыгы бар аялдарга кандай таасир этет?',
					textRu: 'Как акт влияет на женщин с инвалидностью?',
					textEn: 'How does the act affect women with disabilities?',
					hintKy: '',
					hintRu: '',
					hintEn: ''
				}
			]
		});
		expect(revised.version).toBe(v1.version + 1);
		const current = await expertise.currentSet(sql);
		expect(current.questions).toHaveLength(7);

		// the filled checklist still shows version 1 with its answers
		const after = await expertise.get(sql, deputy, filledId);
		expect(after.set.version).toBe(v1.version);
		expect(after.set.questions.map((q) => q.text)).toEqual(before.set.questions.map((q) => q.text));
		expect(after.answers).toEqual(before.answers);
		// and saving it again stays on version 1
		await fill(filledId, { conclusion: 'Кайра каралды' });
		expect((await expertise.get(sql, staff, filledId)).set.version).toBe(v1.version);

		// the empty one is shown, and filled, against the new version
		const empty = await expertise.get(sql, staff, emptyId);
		expect(empty.set.version).toBe(revised.version);
		const filled = await fill(emptyId);
		expect(filled.set.version).toBe(revised.version);
		expect(Object.keys(filled.answers)).toHaveLength(7);
		// a new act too
		const fresh = await expertise.get(sql, staff, await register('Жаңы долбоор'));
		expect(fresh.set.version).toBe(revised.version);
		// a filled checklist cannot be saved against another set
		await expect(fill(filledId, { setId: current.id })).rejects.toBeInstanceOf(ConflictError);
	});

	it('only national and admin revise; a revision from an outdated version is a conflict', async () => {
		const v = await expertise.currentSet(sql);
		const one = [
			{ textKy: 'Суроо', textRu: 'Вопрос', textEn: 'Question', hintKy: '', hintRu: '', hintEn: '' }
		];
		for (const who of [staff, deputy, oblast])
			await expect(
				expertise.revise(sql, who, { baseVersion: v.version, questions: one })
			).rejects.toBeInstanceOf(Forbidden);
		await expect(
			expertise.revise(sql, admin, { baseVersion: v.version - 1, questions: one })
		).rejects.toBeInstanceOf(ConflictError);
		await expect(
			expertise.revise(sql, admin, {
				baseVersion: v.version,
				questions: [{ ...one[0]!, textEn: '' }]
			})
		).rejects.toMatchObject({ code: 'expertise_error_question_text', field: 'textEn_1' });
		expect((await expertise.currentSet(sql)).version).toBe(v.version);
	});
});

describe('permissions', () => {
	it('staff of another municipality are refused: they neither read nor fill', async () => {
		const id = await register();
		await expect(expertise.get(sql, kyshtutStaff, id)).rejects.toBeInstanceOf(Forbidden);
		await expect(expertise.list(sql, kyshtutStaff, akTurpak)).rejects.toBeInstanceOf(Forbidden);
		await expect(fillAs(kyshtutStaff, id)).rejects.toBeInstanceOf(Forbidden);
		await expect(expertise.link(sql, kyshtutStaff, id, activity!.id)).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(
			expertise.create(sql, kyshtutStaff, akTurpak, {
				kind: 'other',
				titleKy: 'Долбоор',
				titleRu: '',
				number: '',
				actDate: ''
			})
		).rejects.toBeInstanceOf(Forbidden);
	});

	it('deputies, the oblast and national read but never write', async () => {
		const id = await register();
		for (const reader of [deputy, oblast, national, admin]) {
			expect((await expertise.get(sql, reader, id)).id).toBe(id);
			expect(expertise.can(reader, 'edit', akTurpak)).toBe(false);
		}
		await expect(fillAs(deputy, id)).rejects.toBeInstanceOf(Forbidden);
		await expect(expertise.link(sql, deputy, id, activity!.id)).rejects.toBeInstanceOf(Forbidden);
		await expect(
			expertise.updateDetails(sql, deputy, id, {
				kind: 'other',
				titleKy: 'Өзгөртүлгөн',
				titleRu: '',
				number: '',
				actDate: '',
				rowVersion: 1
			})
		).rejects.toBeInstanceOf(Forbidden);
		await expect(
			expertise.create(sql, oblast, akTurpak, {
				kind: 'other',
				titleKy: 'Долбоор',
				titleRu: '',
				number: '',
				actDate: ''
			})
		).rejects.toBeInstanceOf(Forbidden);
		expect((await expertise.get(sql, staff, id)).filled).toBe(false);
	});

	it('the oblast of another oblast and anyone without a login see nothing', async () => {
		const id = await register();
		await expect(expertise.get(sql, issykKulOblast, id)).rejects.toBeInstanceOf(Forbidden);
		await expect(expertise.get(sql, null, id)).rejects.toBeInstanceOf(Forbidden);
		expect(await expertise.forActivity(sql, kyshtutStaff, activity!.id)).toEqual([]);
		expect(expertise.can(issykKulOblast, 'read', karakol)).toBe(true);
	});
});

async function fillAs(actor: typeof staff, actId: number) {
	const act = await expertise.get(sql, admin, actId);
	return expertise.saveChecklist(sql, actor, actId, {
		rowVersion: act.rowVersion,
		setId: act.set.id,
		answers: {},
		conclusion: 'Бөтөн',
		outcome: 'not_recommended'
	});
}

describe('two saves of one checklist at once', () => {
	const pools: Sql[] = [connect(url, { max: 1 }), connect(url, { max: 1 })];
	afterAll(async () => {
		await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
	});

	it('with the same version, on two connections: one wins, the other gets a conflict', async () => {
		const id = await register();
		const act = await expertise.get(sql, staff, id);
		const q = act.set.questions[0]!;
		const save = (p: Sql, answer: string, conclusion: string) =>
			expertise.saveChecklist(p, staff, id, {
				rowVersion: act.rowVersion,
				setId: act.set.id,
				answers: { [q.id]: { answer, comment: conclusion } },
				conclusion,
				outcome: 'recommended'
			});
		await Promise.all(pools.map((p) => p`select 1`));
		// hold the act's row so both saves are inside the database before either can decide
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		const holder = sql.begin(async (tx) => {
			await tx`select id from expertise_act where id = ${id} for update`;
			await held;
		});
		const results = Promise.allSettled([
			save(pools[0]!, 'yes', 'Биринчи'),
			save(pools[1]!, 'no', 'Экинчи')
		]);
		// both wait on the lock
		for (let i = 0; i < 50; i++) {
			const { waiting } = (
				await sql<{ waiting: number }[]>`
				select count(*)::int as waiting from pg_stat_activity
				where wait_event_type = 'Lock' and datname = current_database()`
			)[0]!;
			if (waiting >= 2) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		release();
		await holder;
		const settled = await results;
		const won = settled.filter((r) => r.status === 'fulfilled');
		const lost = settled.filter((r) => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const reason = (lost[0] as PromiseRejectedResult).reason;
		expect(isDomainError(reason) && reason.status).toBe(409);
		expect(reason).toBeInstanceOf(ConflictError);
		const stored = await expertise.get(sql, staff, id);
		expect(stored.rowVersion).toBe(act.rowVersion + 1);
		// what is stored is all of the winner's save, nothing of the loser's
		const winner = stored.conclusion === 'Биринчи' ? 'yes' : 'no';
		expect(['Биринчи', 'Экинчи']).toContain(stored.conclusion);
		expect(stored.answers[q.id]).toEqual({ answer: winner, comment: stored.conclusion });
	});
});

describe('the checklist PDF', () => {
	it('is a real A4 file in Kyrgyz and in Russian whose text is the checklist, ң ө ү included', async () => {
		const id = await register('Аялдар үчүн өнөр борборун ачуу жөнүндө токтомдун долбоору (ң)');
		await expertise.link(sql, staff, id, activity!.id);
		const act = await fill(id);
		for (const lang of ['ky', 'ru'] as const) {
			const bytes = await expertise.renderChecklistPdf(act, lang);
			expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
			const pdf = await readPdf(bytes);
			expect(pdf.sizes[0]).toMatchObject({
				width: expect.closeTo(595, 0),
				height: expect.closeTo(842, 0)
			});
			expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
			const letters = pdf.letters;
			const has = (s: string) => expect(letters).toContain(s.replace(/\s/g, ''));
			if (lang === 'ky') {
				has('Жергиликтүү актынын долбоорунун гендердик экспертизасы');
				has('Аялдар үчүн өнөр борборун ачуу');
				has(act.set.questions[0]!.text.ky);
				has('Жарым-жартылай');
				has('Өзгөртүүлөр менен сунушталат');
				for (const ch of ['ң', 'ө', 'ү']) expect(letters).toContain(ch);
			} else {
				has('Гендерная экспертиза проекта местного акта');
				has(act.set.questions[0]!.text.ru);
				has('Частично');
				has('Рекомендуется с изменениями');
				// Kyrgyz content (the comments) prints in the Russian document too
				for (const ch of ['ң', 'ө', 'ү']) expect(letters).toContain(ch);
			}
			has('Түшүндүрмө 1');
			const page = await rasterisePage(bytes, 1, 1.5);
			expect(page.ink).toBeGreaterThan(0.01);
			if (process.env.SCREENSHOTS) {
				const { writeFileSync } = await import('node:fs');
				writeFileSync(`${process.env.SCREENSHOTS}/expertise-pdf-${lang}.png`, page.png);
			}
		}
	});
});
