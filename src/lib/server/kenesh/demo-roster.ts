import type { Sql } from '../db';
import { transaction } from '../db';
import { addDeputy, deputyOfUser, lockRoster, rosterScope, type Sex } from './roster';

interface DemoRoster {
	soate: string;
	/** the demo login linked to the entry with the same full name, else to the secretary */
	login: string;
	deputies: { fullName: string; sex: Sex; secretary?: true }[];
}

// Elected in the local elections of November 2024; aiyl keneshes have 7–21 seats.
const TERM = { termStart: '2024-12-01', termEnd: '2028-11-30' };

/** Demo rosters: Ak-Turpak 15 seats, 6 women (40.0%); Kyshtut 11 seats, 5 women (45.5%). */
export const DEMO_ROSTERS: DemoRoster[] = [
	{
		soate: '41705258804000',
		login: 'akturpak.deputy',
		deputies: [
			{ fullName: 'Нурлан Мамытов', sex: 'male', secretary: true },
			{ fullName: 'Гүлзат Арзыкулова', sex: 'female' },
			{ fullName: 'Бакыт Осмонов', sex: 'male' },
			{ fullName: 'Мээрим Жапарова', sex: 'female' },
			{ fullName: 'Талантбек Жумабаев', sex: 'male' },
			{ fullName: 'Өмүрбек Токтогулов', sex: 'male' },
			{ fullName: 'Чолпон Ташиева', sex: 'female' },
			{ fullName: 'Мирлан Бөрүбаев', sex: 'male' },
			{ fullName: 'Бүбүсара Эргешова', sex: 'female' },
			{ fullName: 'Жыргалбек Сатыбалдиев', sex: 'male' },
			{ fullName: 'Эркинбек Абдылдаев', sex: 'male' },
			{ fullName: 'Нургүл Абдыраимова', sex: 'female' },
			{ fullName: 'Садырбек Үсөнов', sex: 'male' },
			{ fullName: 'Айнура Сыдыкова', sex: 'female' },
			{ fullName: 'Кубанычбек Ташматов', sex: 'male' }
		]
	},
	{
		soate: '41705214835000',
		login: 'kyshtut.deputy',
		deputies: [
			{ fullName: 'Таалайбек Жумабаев', sex: 'male', secretary: true },
			{ fullName: 'Жаңылай Турдубаева', sex: 'female' },
			{ fullName: 'Абдыманап Исаков', sex: 'male' },
			{ fullName: 'Гүлмира Маматова', sex: 'female' },
			{ fullName: 'Өскөнбай Тажибаев', sex: 'male' },
			{ fullName: 'Назгүл Орозова', sex: 'female' },
			{ fullName: 'Зарылбек Эсенов', sex: 'male' },
			{ fullName: 'Айзада Бектурова', sex: 'female' },
			{ fullName: 'Көчкөнбай Абдукаримов', sex: 'male' },
			{ fullName: 'Үмүтай Нурматова', sex: 'female' },
			{ fullName: 'Урмат Жолдошев', sex: 'male' }
		]
	}
];

/** The demo login to link, when it exists, is a deputy of the municipality and sits on no roster yet. */
async function linkableDemoLogin(
	sql: Sql,
	username: string,
	municipalityId: number
): Promise<{ username: string; fullName: string } | null> {
	const [u] = await sql<{ id: number; fullName: string }[]>`
		select u.id, u.full_name from app_user u
		join membership m on m.user_id = u.id and m.role = 'deputy' and m.territory_id = ${municipalityId}
		where u.username = ${username}`;
	if (!u || (await deputyOfUser(sql, u.id))) return null;
	return { username, fullName: u.fullName };
}

/**
 * Seeds the demo kenesh rosters through the same checks staff go through (audited as the system).
 * A municipality that already has any roster entry is left alone, so running it again adds nothing.
 */
export async function seedRosters(sql: Sql): Promise<{ municipalities: number; deputies: number }> {
	let municipalities = 0;
	let deputies = 0;
	for (const roster of DEMO_ROSTERS) {
		const [t] = await sql<
			{ id: number }[]
		>`select id from territory where soate_code = ${roster.soate}`;
		if (!t) continue;
		const added = await transaction(sql, async (tx) => {
			await lockRoster(tx, t.id);
			const [exists] = await tx`select 1 from deputy where municipality_id = ${t.id} limit 1`;
			if (exists) return 0;
			const scope = await rosterScope(tx, t.id);
			const login = await linkableDemoLogin(tx, roster.login, t.id);
			const linkTo =
				roster.deputies.find((d) => d.fullName === login?.fullName) ??
				roster.deputies.find((d) => d.secretary);
			for (const d of roster.deputies) {
				const username = login && d === linkTo ? login.username : '';
				await addDeputy(
					tx,
					null,
					scope,
					{
						fullName: d.fullName,
						sex: d.sex,
						...TERM,
						isSecretary: d.secretary === true,
						username
					},
					{ system: true }
				);
			}
			return roster.deputies.length;
		});
		if (added > 0) {
			municipalities++;
			deputies += added;
		}
	}
	return { municipalities, deputies };
}
