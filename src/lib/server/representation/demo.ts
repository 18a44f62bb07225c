import type { Sql } from '../db';
import { transaction } from '../db';
import type { PositionSex } from '../../representation/vocabulary';
import { insertBody, lockRegistry, scopeOf, setKeneshPositions, type CleanBody } from './bodies';

interface DemoRegistry {
	soate: string;
	kenesh: { headSex: PositionSex; deputySex: PositionSex };
	bodies: CleanBody[];
}

/**
 * Demo registries of Ak-Turpak and Kyshtut: some bodies meet the 30% rule, some break it (a
 * commission of women only, a water enterprise of men, a school board led by two women).
 */
export const DEMO_REGISTRIES: DemoRegistry[] = [
	{
		soate: '41705258804000',
		kenesh: { headSex: 'male', deputySex: 'female' },
		bodies: [
			{
				kind: 'kenesh_commission',
				nameKy: 'Социалдык маселелер боюнча туруктуу комиссия',
				nameRu: 'Постоянная комиссия по социальным вопросам',
				women: 4,
				men: 1,
				headSex: 'female',
				deputySex: 'male'
			},
			{
				kind: 'kenesh_commission',
				nameKy: 'Бюджет жана финансы боюнча туруктуу комиссия',
				nameRu: 'Постоянная комиссия по бюджету и финансам',
				women: 2,
				men: 3,
				headSex: 'male',
				deputySex: 'female'
			},
			{
				kind: 'aiyl_okmotu',
				nameKy: 'Ак-Турпак айыл өкмөтүнүн аппараты',
				nameRu: 'Аппарат айыл окмоту Ак-Турпак',
				women: 5,
				men: 7,
				headSex: 'male',
				deputySex: 'female'
			},
			{
				kind: 'municipal_enterprise',
				nameKy: '«Ак-Турпак суу» муниципалдык ишканасы',
				nameRu: 'Муниципальное предприятие «Ак-Турпак суу»',
				women: 1,
				men: 7,
				headSex: 'male',
				deputySex: 'male'
			},
			{
				kind: 'school_board',
				nameKy: 'Ак-Турпак орто мектебинин камкорчулук кеңеши',
				nameRu: 'Попечительский совет средней школы Ак-Турпак',
				women: 6,
				men: 3,
				headSex: 'female',
				deputySex: 'female'
			},
			{
				kind: 'public_council',
				nameKy: 'Аялдар кеңеши',
				nameRu: 'Совет женщин',
				women: 9,
				men: 0,
				headSex: 'female',
				deputySex: null
			}
		]
	},
	{
		soate: '41705214835000',
		kenesh: { headSex: 'male', deputySex: 'male' },
		bodies: [
			{
				kind: 'aiyl_okmotu',
				nameKy: 'Кыштут айыл өкмөтүнүн аппараты',
				nameRu: 'Аппарат айыл окмоту Кыштут',
				women: 4,
				men: 6,
				headSex: 'male',
				deputySex: 'female'
			},
			{
				kind: 'school_board',
				nameKy: 'Кыштут орто мектебинин башкаруу кеңеши',
				nameRu: 'Управляющий совет средней школы Кыштут',
				women: 3,
				men: 4,
				headSex: 'female',
				deputySex: 'male'
			}
		]
	}
];

/**
 * Seeds the demo registries (audited as the system). A municipality whose registry already holds
 * anything is left alone, so running it again adds nothing. Runs after the rosters.
 */
export async function seedRepresentation(sql: Sql): Promise<{ bodies: number }> {
	let bodies = 0;
	for (const registry of DEMO_REGISTRIES) {
		const [t] = await sql<{ id: number }[]>`
			select id
			from territory
			where soate_code = ${registry.soate}`;
		if (!t) continue;
		const scope = await scopeOf(sql, t.id);
		const [exists] = await sql`
			select 1
			from representation_body
			where municipality_id = ${scope.municipalityId}
			limit 1`;
		if (exists) continue;
		await setKeneshPositions(sql, null, scope, registry.kenesh, { system: true });
		bodies += await transaction(sql, async (tx) => {
			await lockRegistry(tx, scope.municipalityId);
			for (const b of registry.bodies) await insertBody(tx, null, scope, b);
			return registry.bodies.length;
		});
	}
	return { bodies };
}
