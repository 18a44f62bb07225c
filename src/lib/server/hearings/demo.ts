import type { Sql } from '../db';
import { loadActor } from '../auth/actor';
import { todayInBishkek } from '../../format';
import { announce, moderate } from './hearings';
import { formToken, propose } from './proposals';
import { KYSHTUT_SOATE } from '../approval/demo';

const day = (offset: number) => todayInBishkek(new Date(Date.now() + offset * 86_400_000));

/**
 * A public hearing on Kyshtut's approved plan, announced and taking proposals, with one published
 * and one pending proposal (not yet recorded, so the plan's PDF carries no annex). Safe to run again.
 */
export async function seedHearingsDemo(sql: Sql): Promise<void> {
	const [plan] = await sql<{ id: number }[]>`
		select p.id
		from local_plan p
		join territory t on t.id = p.municipality_id
		where t.soate_code = ${KYSHTUT_SOATE} and p.state = 'approved'
		order by p.id
		limit 1`;
	const [user] = await sql<
		{ id: number }[]
	>`select id from app_user where username = 'kyshtut.staff'`;
	if (!plan || !user) return;
	const [exists] = await sql`select 1 from hearing where local_plan_id = ${plan.id}`;
	if (exists) return;
	const staff = await loadActor(sql, Number(user.id));
	const hearingId = await announce(sql, staff, Number(plan.id), {
		subject: 'budget',
		heldAt: `${day(14)}T14:00`,
		place: 'Кыштут айыл өкмөтүнүн жыйындар залы',
		documents: ['plan_pdf', 'budget_table'],
		documentsNote: '',
		proposalsFrom: day(-3),
		proposalsTo: day(10)
	});
	const shown = Date.now() - 60_000;
	const send = async (body: string, authorName: string) =>
		propose(
			sql,
			hearingId,
			{
				authorName,
				body,
				token: await formToken(sql, hearingId, shown),
				honeypot: '',
				address: 'demo'
			},
			Date.now()
		);
	const published = await send(
		'Мектептин жанына кыздар үчүн спорт аянтчасын куруу сунушталат.',
		'Айгүл Токтосунова'
	);
	await send('Көчө жарыгын Жаңы-Жол көчөсүнө чейин узартуу керек.', '');
	await moderate(sql, staff, published, 'published');
}
