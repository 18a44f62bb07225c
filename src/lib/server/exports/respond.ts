import { adxXml, dataValueSets } from './writers';
import type { DataValue } from './model';

export type Format = 'adx' | 'dvs';

/** The download response of an export: ADX XML or dataValueSets JSON, with its file name. */
export function exportResponse(
	format: Format,
	values: DataValue[],
	name: string,
	cache: string
): Response {
	const headers = {
		'cache-control': cache,
		'access-control-allow-origin': '*'
	};
	if (format === 'adx')
		return new Response(adxXml(values, new Date()), {
			headers: {
				...headers,
				'content-type': 'application/adx+xml; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.adx.xml"`
			}
		});
	return new Response(JSON.stringify(dataValueSets(values), null, 1), {
		headers: {
			...headers,
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.dataValueSets.json"`
		}
	});
}
