/**
 * The dashboard's table as CSV and XLSX: the same rows, totals and median as the page, one model
 * drawn twice (cells through `sheet.ts`, numbers kept numeric).
 */
import ExcelJS from 'exceljs';
import { t } from '$lib/i18n';
import { nameIn, type Locale } from '$lib/format';
import { addXlsxRow, writeCsv, type SheetCell } from '../sheet';
import type { Dashboard, DashboardRow, Figures } from './oblast';

const num = (s: string | null | undefined): number | null => (s == null ? null : Number(s));

/** The table: a header, one row per municipality, then the totals and the oblast median. */
export function dashboardTable(d: Dashboard, locale: Locale): SheetCell[][] {
	const header = [
		t('monitor_col_municipality'),
		t('monitor_col_rayon'),
		t('monitor_col_state'),
		t('monitor_col_decision'),
		t('monitor_col_activities'),
		t('monitor_col_budget'),
		t('monitor_col_gender'),
		t('monitor_col_gender_share'),
		t('monitor_col_gap'),
		t('monitor_col_envelope_use'),
		t('monitor_col_last_report'),
		t('monitor_col_on_time'),
		t('monitor_col_execution'),
		t('monitor_col_reached_women'),
		t('monitor_col_reached_men'),
		t('monitor_col_seat_share')
	];
	const row = (r: DashboardRow): SheetCell[] => [
		nameIn(r, locale),
		locale === 'ru' ? r.rayonNameRu : locale === 'en' ? r.rayonNameEn : r.rayonNameKy,
		t(r.planState === 'none' ? 'monitor_state_none' : `plan_state_${r.planState}`),
		r.decisionNumber ? `№ ${r.decisionNumber}, ${r.decisionDate}` : null,
		r.activities,
		r.planState === 'none' ? null : num(r.budget),
		r.planState === 'none' ? null : num(r.gender),
		num(r.genderShare),
		num(r.gap),
		num(r.envelopeUse),
		r.lastPeriod,
		[
			r.onTime === null ? '' : t(r.onTime ? 'monitor_on_time' : 'monitor_late'),
			r.overduePeriod ? t('monitor_overdue', { period: r.overduePeriod }) : ''
		]
			.filter(Boolean)
			.join('; ') || null,
		num(r.execution),
		r.reachedWomen,
		r.reachedMen,
		num(r.seatShare)
	];
	const summary = (label: string, x: Figures): SheetCell[] => [
		label,
		null,
		null,
		null,
		null,
		num(x.budget),
		num(x.gender),
		num(x.genderShare),
		num(x.gap),
		num(x.envelopeUse),
		null,
		null,
		num(x.execution),
		null,
		null,
		num(x.seatShare)
	];
	return [
		header,
		...d.rows.map(row),
		...(d.totals ? [summary(t('monitor_totals'), d.totals)] : []),
		...(d.median ? [summary(t('monitor_median'), d.median)] : [])
	];
}

export function dashboardCsv(d: Dashboard, locale: Locale): string {
	return writeCsv(dashboardTable(d, locale));
}

export async function dashboardXlsx(d: Dashboard, locale: Locale): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Aiyl Plan';
	const ws = wb.addWorksheet(d.oblast.statCode);
	for (const cells of dashboardTable(d, locale)) addXlsxRow(ws, cells);
	ws.getRow(1).font = { bold: true };
	ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
	return Buffer.from(await wb.xlsx.writeBuffer());
}
