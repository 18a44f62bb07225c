/**
 * SDG 5.5.1b — proportion of seats held by women in local governments — as SDMX-CSV for the
 * Kyrgyz Open SDG platform: series SG_GEN_LOCGELS, unit PT (percent), annual, one row per
 * municipality (REF_AREA = its СОАТЕ code), per oblast (REF_AREA = the statistical committee's
 * KG code: KG02…KG08, KG11, KG21) and for the country (KG). The share is the roster's, computed by
 * `womenShareOf` exactly as the municipality's public page shows it.
 */
import type { Sql } from '../db';
import { seatShares } from '../kenesh/seat-share';
import { womenShareOf } from '../kenesh/roster';
import { csv } from './writers';

export const SDG_DATAFLOW = 'IAEG-SDGs:DF_SDG_GLH(1.0)';
export const SDG_SERIES = 'SG_GEN_LOCGELS';
export const SDG_HEADER = [
	'DATAFLOW',
	'FREQ',
	'REPORTING_TYPE',
	'SERIES',
	'REF_AREA',
	'SEX',
	'TIME_PERIOD',
	'OBS_VALUE',
	'UNIT_MEASURE',
	'UNIT_MULT',
	'OBS_STATUS',
	'SEATS',
	'SEATS_WOMEN'
];

export async function sdg551bCsv(sql: Sql, year: number): Promise<string> {
	const areas = await sql<
		{ id: number; soate: string; regionId: number; kind: string; stat: string | null }[]
	>`
		select id::int, soate_code as soate, region_id::int as region_id, kind, stat_code as stat
		from territory
		where kind in ('municipality', 'town') or parent_id is null
		order by soate_code`;
	const municipalities = areas.filter((a) => a.kind === 'municipality' || a.kind === 'town');
	const shares = await seatShares(
		sql,
		municipalities.map((m) => m.id)
	);
	const row = (area: string, seats: number, women: number) => [
		SDG_DATAFLOW,
		'A',
		'N',
		SDG_SERIES,
		area,
		'_T',
		String(year),
		womenShareOf(women, seats),
		'PT',
		'0',
		'A',
		String(seats),
		String(women)
	];
	const rows: string[][] = [];
	let seats = 0;
	let women = 0;
	for (const region of areas.filter((a) => a.stat)) {
		let rs = 0;
		let rw = 0;
		for (const m of municipalities.filter((m) => m.regionId === region.id)) {
			const s = shares.get(m.id)!;
			rs += s.seats;
			rw += s.women;
		}
		if (rs > 0) rows.push(row(region.stat!, rs, rw));
		seats += rs;
		women += rw;
	}
	if (seats > 0) rows.unshift(row('KG', seats, women));
	for (const m of municipalities) {
		const s = shares.get(m.id)!;
		if (s.seats > 0) rows.push(row(m.soate, s.seats, s.women));
	}
	return csv(SDG_HEADER, rows);
}
