import { afterAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db';
import * as hearings from '../../src/lib/server/hearings';
import { DomainError, Forbidden } from '../../src/lib/server/errors';
import { PROPOSAL_LIMIT, type Participants } from '../../src/lib/hearings/vocabulary';
import { todayInBishkek } from '../../src/lib/format';
import { buildDocument } from '../../src/lib/server/feed/document';
import { feedProblems } from '../../src/lib/server/feed/schema';
import { renderPlanPdf } from '../../src/lib/server/documents/plan-pdf';
import { planView } from '../../src/lib/server/plans/view';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { actorOf, reportsDemoDb } from './helpers';

const { sql, url, boss } = await reportsDemoDb();
afterAll(async () => {
	await boss.stop({ graceful: false });
});

const staff = await actorOf(sql, 'kyshtut.staff');
const deputy = await actorOf(sql, 'kyshtut.deputy');
const otherStaff = await actorOf(sql, 'akturpak.staff');
const [submitted] = await sql<{ id: number }[]>`
	select p.id from local_plan p join territory t on t.id = p.municipality_id
	where t.name_ru like 'Кыштут%' and p.state = 'submitted' order by p.id limit 1`;
const planId = Number(submitted!.id);
const [draft] = await sql<
	{ id: number }[]
>`select id from local_plan where state = 'draft' limit 1`;

// the proposal period is in Bishkek's calendar
const today = todayInBishkek();
const shift = (days: number) => todayInBishkek(new Date(Date.now() + days * 86_400_000));
const input = (over: Partial<hearings.HearingInput> = {}): hearings.HearingInput => ({
	subject: 'plan',
	heldAt: `${shift(3)}T10:00`,
	place: 'Айыл өкмөтүнүн жыйындар залы',
	documents: ['plan_pdf', 'budget_table'],
	documentsNote: '',
	proposalsFrom: shift(-1),
	proposalsTo: shift(2),
	...over
});
const participants: Participants = {
	womenUnder30: 4,
	women3059: 9,
	women60Plus: 3,
	menUnder30: 2,
	men3059: 6,
	men60Plus: 1
};

/** A proposal sent through the public form as a person would: the form shown ten seconds ago. */
async function send(
	hearingId: number,
	body: string,
	o: { address?: string; on?: Sql; honeypot?: string; age?: number } = {}
) {
	const shown = Date.now() - (o.age ?? 10_000);
	return hearings.propose(o.on ?? sql, hearingId, {
		authorName: 'Айгүл',
		body,
		token: await hearings.formToken(sql, hearingId, shown),
		honeypot: o.honeypot ?? '',
		address: o.address ?? '203.0.113.7'
	});
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}

const hearingId = await hearings.announce(sql, staff, planId, input());

describe('announcing a hearing', () => {
	it('only staff of the plan’s municipality announce, and only on a submitted or approved plan', async () => {
		expect(await refusal(hearings.announce(sql, otherStaff, planId, input()))).toBeInstanceOf(
			Forbidden
		);
		expect(await refusal(hearings.announce(sql, deputy, planId, input()))).toBeInstanceOf(
			Forbidden
		);
		expect(await refusal(hearings.announce(sql, null, planId, input()))).toBeInstanceOf(Forbidden);
		const [kyshtutDraft] = await sql<{ id: number }[]>`
			select p.id from local_plan p where p.municipality_id = ${staff.memberships[0]!.territoryId}
				and p.state = 'draft' limit 1`;
		if (kyshtutDraft)
			expect(
				(await refusal(hearings.announce(sql, staff, Number(kyshtutDraft.id), input()))).code
			).toBe('hearing_error_plan_draft');
		expect(draft).toBeDefined();
		expect(
			(await refusal(hearings.announce(sql, staff, planId, input({ proposalsTo: shift(-5) })))).code
		).toBe('hearing_error_period');
	});
});

describe('proposals from the public', () => {
	it('anyone may send a proposal without an account; it is not public until staff publish it', async () => {
		const id = await send(hearingId, 'Балдар бакчасына жол салуу керек');
		const pub = () =>
			hearings.selectProposals(sql, hearingId, { names: false, hidden: false, pending: false });
		expect((await pub()).map((p) => p.id)).not.toContain(id);
		// the kenesh sees neither pending proposals nor authors' names
		const forDeputy = await hearings.proposals(
			sql,
			deputy,
			await hearings.hearingRef(sql, hearingId)
		);
		expect(forDeputy.map((p) => p.id)).not.toContain(id);
		await hearings.moderate(sql, staff, id, 'published');
		const shown = (await pub()).find((p) => p.id === id)!;
		expect(shown.body).toBe('Балдар бакчасына жол салуу керек');
		expect(shown.authorName).toBeNull();
		await hearings.moderate(sql, staff, id, 'hidden');
		expect((await pub()).map((p) => p.id)).not.toContain(id);
	});

	it('the proposal period is enforced: before it opens and after it closes nothing is taken', async () => {
		const past = await hearings.announce(
			sql,
			staff,
			planId,
			input({ proposalsFrom: shift(-10), proposalsTo: shift(-2) })
		);
		const future = await hearings.announce(
			sql,
			staff,
			planId,
			input({ proposalsFrom: shift(2), proposalsTo: shift(9) })
		);
		expect((await refusal(send(past, 'Кеч'))).code).toBe('hearing_error_closed');
		expect((await refusal(send(future, 'Эрте'))).code).toBe('hearing_error_closed');
		const todayOnly = await hearings.announce(
			sql,
			staff,
			planId,
			input({ proposalsFrom: today, proposalsTo: today })
		);
		expect(await send(todayOnly, 'Бүгүн', { address: '198.51.100.20' })).toBeGreaterThan(0);
		const { n } = (
			await sql<{ n: number }[]>`
			select count(*)::int as n from hearing_proposal where hearing_id in (${past}, ${future})`
		)[0]!;
		expect(n).toBe(0);
	});

	it('a filled honeypot, a forged token and a form sent at once are refused', async () => {
		expect((await refusal(send(hearingId, 'бот', { honeypot: 'http://x' }))).code).toBe(
			'hearing_error_spam'
		);
		expect((await refusal(send(hearingId, 'бот', { age: 500 }))).code).toBe(
			'hearing_error_too_fast'
		);
		const forged = hearings.propose(sql, hearingId, {
			authorName: '',
			body: 'бот',
			token: `${Date.now() - 10_000}.${'0'.repeat(64)}`,
			honeypot: '',
			address: '203.0.113.99'
		});
		expect((await refusal(forged)).code).toBe('hearing_error_token');
		// another hearing's token does not open this one's form
		const otherToken = await hearings.formToken(sql, hearingId + 1000, Date.now() - 10_000);
		const borrowed = hearings.propose(sql, hearingId, {
			authorName: '',
			body: 'бот',
			token: otherToken,
			honeypot: '',
			address: '203.0.113.99'
		});
		expect((await refusal(borrowed)).code).toBe('hearing_error_token');
	});

	it('the rate limit per address holds under parallel requests on real parallel connections', async () => {
		const pools = Array.from({ length: 4 }, () => connect(url, { max: 4 }));
		try {
			// every connection open before the race starts
			await Promise.all(pools.flatMap((p) => Array.from({ length: 4 }, () => p`select 1`)));
			const address = '192.0.2.44';
			const results = await Promise.allSettled(
				Array.from({ length: 16 }, (_, i) =>
					send(hearingId, `Сунуш ${i}`, { address, on: pools[i % pools.length] })
				)
			);
			const ok = results.filter((r) => r.status === 'fulfilled');
			const refused = results.filter(
				(r) =>
					r.status === 'rejected' &&
					r.reason instanceof DomainError &&
					r.reason.code === 'hearing_error_rate'
			);
			expect(ok.length).toBe(PROPOSAL_LIMIT);
			expect(refused.length).toBe(16 - PROPOSAL_LIMIT);
			// another address is not held back by this one
			expect(await send(hearingId, 'Башка дарек', { address: '192.0.2.45' })).toBeGreaterThan(0);
			// the address is kept only as a hash
			const { raw } = (
				await sql<{ raw: number }[]>`
				select count(*)::int as raw from hearing_throttle where address_hash like '%192.0.2%'`
			)[0]!;
			expect(raw).toBe(0);
		} finally {
			await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
		}
	});

	it('throttle rows older than a day are deleted when a new proposal is written', async () => {
		await sql`insert into hearing_throttle (address_hash, at) values ('old', now() - interval '25 hours')`;
		await send(hearingId, 'Жаңы', { address: '198.51.100.77' });
		const { n } = (
			await sql<{ n: number }[]>`
			select count(*)::int as n from hearing_throttle where address_hash = 'old'`
		)[0]!;
		expect(n).toBe(0);
	});
});

describe('moderating and recording', () => {
	it('only staff of that municipality moderate and record: staff of another municipality and deputies are refused', async () => {
		const id = await send(hearingId, 'Жарык', { address: '198.51.100.1' });
		for (const who of [otherStaff, deputy, null]) {
			expect(await refusal(hearings.moderate(sql, who, id, 'published'))).toBeInstanceOf(Forbidden);
			expect(
				await refusal(hearings.decide(sql, who, id, { outcome: 'rejected', reason: 'жок' }))
			).toBeInstanceOf(Forbidden);
			expect(
				await refusal(
					hearings.record(sql, who, hearingId, { participants, questions: '', decisions: '' })
				)
			).toBeInstanceOf(Forbidden);
			expect(await refusal(hearings.manage(sql, who, hearingId))).toBeInstanceOf(Forbidden);
		}
		const [row] = await sql<{ moderation: string; outcome: string }[]>`
			select moderation, outcome from hearing_proposal where id = ${id}`;
		expect(row).toEqual({ moderation: 'pending', outcome: 'open' });
	});

	it('a proposal accepted into the plan links to the activity or amendment it became', async () => {
		const id = await send(hearingId, 'Суу түтүгүн оңдоо', { address: '198.51.100.2' });
		const page = await hearings.manage(sql, staff, hearingId);
		const activity = page.activities[1]!;
		await hearings.decide(sql, staff, id, {
			outcome: 'accepted',
			activityId: activity.id,
			amendmentId: null
		});
		const [stored] = await sql<{ activityId: number; outcome: string }[]>`
			select activity_id, outcome from hearing_proposal where id = ${id}`;
		expect({ ...stored, activityId: Number(stored!.activityId) }).toEqual({
			activityId: activity.id,
			outcome: 'accepted'
		});
		const shown = (await hearings.manage(sql, staff, hearingId)).proposals.find(
			(p) => p.id === id
		)!;
		expect(shown.becameLabel).toBe(activity.label);
		// accepted without saying into what, or into another plan's activity, is refused
		expect(
			(
				await refusal(
					hearings.decide(sql, staff, id, {
						outcome: 'accepted',
						activityId: null,
						amendmentId: null
					})
				)
			).code
		).toBe('hearing_error_link');
		const [foreign] = await sql<{ id: number }[]>`
			select id from activity where local_plan_id <> ${planId} limit 1`;
		expect(
			(
				await refusal(
					hearings.decide(sql, staff, id, {
						outcome: 'accepted',
						activityId: Number(foreign!.id),
						amendmentId: null
					})
				)
			).code
		).toBe('hearing_error_link');
		// the database holds the same rule
		await expect(
			sql`update hearing_proposal set activity_id = null where id = ${id}`
		).rejects.toThrow();
	});

	it('a rejected proposal needs a reason', async () => {
		const id = await send(hearingId, 'Стадион', { address: '198.51.100.3' });
		expect(
			(await refusal(hearings.decide(sql, staff, id, { outcome: 'rejected', reason: '   ' }))).code
		).toBe('hearing_error_reason');
		await expect(
			sql`update hearing_proposal set outcome = 'rejected', outcome_reason = '' where id = ${id}`
		).rejects.toThrow();
		await hearings.decide(sql, staff, id, { outcome: 'rejected', reason: 'Бюджетте каражат жок' });
		const [row] = await sql<{ outcome: string; outcomeReason: string }[]>`
			select outcome, outcome_reason from hearing_proposal where id = ${id}`;
		expect(row).toEqual({ outcome: 'rejected', outcomeReason: 'Бюджетте каражат жок' });
	});

	it('the record keeps counts by sex and age band, and the annex carries no names', async () => {
		await hearings.record(sql, staff, hearingId, {
			participants,
			questions: 'Жолдор качан оңдолот?',
			decisions: 'Сунуштар планга киргизилсин'
		});
		const h = await hearings.hearingRef(sql, hearingId);
		expect(h.recorded).toBe(true);
		expect(h.participants).toEqual(participants);
		const annex = await hearings.annex(sql, planId);
		const mine = annex.find((a) => a.hearing.id === hearingId)!;
		expect(mine.counts.accepted).toBe(1);
		expect(mine.counts.rejected).toBe(1);
		expect(JSON.stringify(annex)).not.toContain('Айгүл');
		// the kenesh reads the record
		expect(
			(await hearings.forPlan(sql, deputy, planId)).find((x) => x.id === hearingId)?.recorded
		).toBe(true);
		expect(await refusal(hearings.forPlan(sql, otherStaff, planId))).toBeInstanceOf(Forbidden);
	});
});

describe('the record in the feed and the plan PDF', () => {
	it('the feed document of an approved plan carries its recorded hearings as counts, never names, and validates against the schema', async () => {
		const [approved] = await sql<{ id: number }[]>`
			select p.id from local_plan p where p.municipality_id = ${staff.memberships[0]!.territoryId}
				and p.state = 'approved' order by p.id limit 1`;
		const id = Number(approved!.id);
		const before = await buildDocument(sql, { planId: id });
		expect(before.hearings).toBeUndefined();
		const h = await hearings.announce(sql, staff, id, input({ subject: 'budget' }));
		await send(h, 'Бюджетке мектептин чатырын кошуу', { address: '198.51.100.9' });
		await hearings.record(sql, staff, h, { participants, questions: 'Суроо', decisions: 'Чечим' });
		const doc = await buildDocument(sql, { planId: id });
		expect(feedProblems(doc), JSON.stringify(feedProblems(doc))).toEqual([]);
		expect(doc.hearings).toEqual([
			{
				id: h,
				subject: 'budget',
				heldOn: shift(3),
				participants,
				proposals: { received: 1, published: 0, accepted: 0, rejected: 0 }
			}
		]);
		expect(JSON.stringify(doc)).not.toContain('Айгүл');
	});

	it('the plan PDF prints the hearing record as an annex in Kyrgyz and Russian', async () => {
		// only a published proposal is printed
		const [accepted] = await sql<{ id: number }[]>`
			select id from hearing_proposal where body = 'Суу түтүгүн оңдоо'`;
		await hearings.moderate(sql, staff, Number(accepted!.id), 'published');
		const view = await planView(sql, null, planId, { system: true });
		const base = {
			view,
			municipality: {
				nameKy: 'Кыштут',
				nameRu: 'Кыштут',
				rayonKy: '',
				rayonRu: '',
				oblastKy: '',
				oblastRu: ''
			},
			profile: { headName: '', keneshChairName: '' },
			approval: null,
			draft: true,
			hearings: await hearings.annex(sql, planId)
		};
		const ky = await readPdf(new Uint8Array(await renderPlanPdf(base, 'ky')));
		expect(ky.text).toContain('Тиркеме. Коомдук угуулардын жыйынтыгы');
		expect(ky.text).toContain('Жолдор качан оңдолот?');
		expect(ky.text).toContain('Суу түтүгүн оңдоо');
		expect(ky.text).not.toContain('Айгүл');
		const ru = await readPdf(new Uint8Array(await renderPlanPdf(base, 'ru')));
		expect(ru.text).toContain('Приложение. Итоги публичных слушаний');
		expect(ru.text).toContain('Сунуштар планга киргизилсин');
	});
});
