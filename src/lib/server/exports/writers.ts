/**
 * The formats statisticians import (issue [11].5), written from the one data value model:
 * - ADX (IHE QRPH ADX as DHIS2 reads it): root `adx` in `urn:ihe:qrph:adx:2015` with `exported`;
 *   one `group` per org unit, period (ISO 8601 start/duration) and data set; each `dataValue`
 *   carries `dataElement`, `value` and its disaggregation as an attribute named by the category;
 * - DHIS2 dataValueSets JSON with the CODE id scheme;
 * - SDMX-CSV (1.0, one column per dimension and attribute) for SDG 5.5.1b.
 */
import { isoPeriod, type DataValue } from './model';

export const ADX_NS = 'urn:ihe:qrph:adx:2015';

/** Text safe inside an XML attribute value (quotes, ampersands, angle brackets; control characters dropped). */
export function xmlAttr(s: string): string {
	return (
		s
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/\n/g, '&#10;')
			.replace(/\r/g, '&#13;')
			.replace(/\t/g, '&#9;')
	);
}

export function adxXml(values: DataValue[], exported: Date): string {
	const groups = new Map<string, DataValue[]>();
	for (const v of values) {
		const key = [v.orgUnit, v.period, v.dataSet].join('\u0000');
		const list = groups.get(key) ?? [];
		list.push(v);
		groups.set(key, list);
	}
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<adx xmlns="${ADX_NS}" exported="${exported.toISOString()}">`
	];
	for (const list of groups.values()) {
		// a group is made with its first value
		const { orgUnit, period, dataSet } = list[0]!;
		lines.push(
			`  <group orgUnit="${xmlAttr(orgUnit)}" period="${xmlAttr(isoPeriod(period) ?? period)}" dataSet="${xmlAttr(dataSet)}">`
		);
		for (const v of list) {
			const d = v.disaggregation
				? ` ${v.disaggregation.category}="${xmlAttr(v.disaggregation.option)}"`
				: '';
			lines.push(
				`    <dataValue dataElement="${xmlAttr(v.dataElement)}"${d} value="${xmlAttr(v.value)}"/>`
			);
		}
		lines.push('  </group>');
	}
	lines.push('</adx>', '');
	return lines.join('\n');
}

/** The DHIS2 category option combo code of a disaggregation ("default" for a total). */
export function optionComboCode(v: Pick<DataValue, 'disaggregation'>): string {
	return v.disaggregation ? `${v.disaggregation.category}_${v.disaggregation.option}` : 'default';
}

export function dataValueSets(values: DataValue[]) {
	return {
		idScheme: 'CODE',
		dataElementIdScheme: 'CODE',
		orgUnitIdScheme: 'CODE',
		dataValues: values.map((v) => ({
			dataSet: v.dataSet,
			dataElement: v.dataElement,
			period: v.period,
			orgUnit: v.orgUnit,
			categoryOptionCombo: optionComboCode(v),
			attributeOptionCombo: 'default',
			value: v.value
		}))
	};
}

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(s: string): string {
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: string[][]): string {
	return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
