import { error, json, type RequestEvent } from '@sveltejs/kit';
import * as app from '../app';
import { t } from '$lib/i18n';
import { can } from './permissions';
import { extract, isApproved, isoPeriod, regionByStatCode } from './model';
import { exportResponse, type Format } from './respond';

const notFound = () =>
	json(
		{ status: 404, title: 'approved local plan not found' },
		{
			status: 404,
			headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' }
		}
	);

/** GET /api/v1/public/local-plans/{id}/adx.xml|dataValueSets.json — one approved plan; a draft is "not found". */
export async function planExport(params: { id: string }, format: Format): Promise<Response> {
	if (!/^\d{1,12}$/.test(params.id)) return notFound();
	const sql = app.sql();
	const id = Number(params.id);
	if (!(await isApproved(sql, id))) return notFound();
	const { values } = await extract(sql, { planId: id });
	return exportResponse(format, values, `plan-${id}`, 'public, max-age=300');
}

/** GET /api/v1/exports/adx.xml|dataValueSets.json?oblast=KG05&period=2025 — the national monitor or the oblast's representative. */
export async function bulkExport(
	event: Pick<RequestEvent, 'url' | 'locals'>,
	format: Format
): Promise<Response> {
	const oblast = event.url.searchParams.get('oblast')?.trim().toUpperCase() || '';
	const period = event.url.searchParams.get('period')?.trim().toUpperCase() || '';
	if (!event.locals.actor) error(403, t('error_forbidden'));
	const sql = app.sql();
	const regionId = oblast ? await regionByStatCode(sql, oblast) : null;
	if (oblast && regionId === null) error(400, t('export_error_oblast'));
	if (period && !isoPeriod(period)) error(400, t('export_error_period'));
	if (!can(event.locals.actor, 'download', { regionId })) error(403, t('error_forbidden'));
	const { values } = await extract(sql, {
		regionId: regionId ?? undefined,
		period: period || undefined
	});
	const name = ['aiyl-plan', oblast || 'KG', period || 'all'].join('-');
	return exportResponse(format, values, name, 'private, no-store');
}
