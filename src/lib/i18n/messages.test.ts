import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../server/auth/actor';
import { KINDS } from '../server/territories';
import {
	BODY_ROLES,
	PLAN_KINDS,
	PLAN_STATUSES,
	SHIPPED_PLANS,
	measuresOf
} from '../server/catalogue';
import { PILLARS } from '../server/catalogue/search';

const LOCALES = ['ky', 'ru', 'en'] as const;
const dir = path.resolve('src/lib/i18n/messages');
const messages = Object.fromEntries(
	LOCALES.map((l) => {
		const { $schema: _schema, ...rest } = JSON.parse(
			readFileSync(path.join(dir, `${l}.json`), 'utf8')
		);
		return [l, rest as Record<string, string>];
	})
) as Record<(typeof LOCALES)[number], Record<string, string>>;

function sourceFiles(root: string): string[] {
	return readdirSync(root).flatMap((name) => {
		const p = path.join(root, name);
		if (statSync(p).isDirectory()) return name === 'paraglide' ? [] : sourceFiles(p);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
	});
}
const sources = sourceFiles(path.resolve('src')).map((f) => ({
	file: path.relative(process.cwd(), f),
	text: readFileSync(f, 'utf8')
}));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('messages', () => {
	it('every message exists, non-empty, in Kyrgyz, Russian and English with the same placeholders', () => {
		const keys = new Set(LOCALES.flatMap((l) => Object.keys(messages[l])));
		const problems: string[] = [];
		for (const key of keys) {
			for (const l of LOCALES) {
				const text = messages[l][key];
				if (typeof text !== 'string' || text.trim() === '')
					problems.push(`${l}: ${key} is missing`);
				else if (placeholders(text).join() !== placeholders(messages.en[key] ?? '').join())
					problems.push(`${l}: ${key} has other placeholders than en`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('Kyrgyz and Russian messages are written in Cyrillic, not left in English', () => {
		// words that stay Latin on purpose: file formats, products and the CSV column values users must type
		const allowed =
			/\b(CSV|XLSX|JSON|UTF-8|Excel|PostgreSQL|MB|ky|ru|en|rayon|town|municipality|SOATE|Aiyl|SHA-256|PDF|JPEG|PNG|DOCX|ADX|XML|DHIS2|dataValueSets|SDMX|KG\d{2}|OECD|DAC|national|local|lead|co|by_agreement|duplicate_of|plan|chapters|nap-gender-2025-2027|http|https)\b/g;
		const untranslated = (['ky', 'ru'] as const).flatMap((l) =>
			Object.entries(messages[l])
				.filter(([, text]) =>
					/[A-Za-z]{2,}/.test(text.replace(allowed, '').replace(/\{\w+\}/g, ''))
				)
				.map(([k]) => `${l}: ${k}`)
		);
		expect(untranslated).toEqual([]);
	});

	it('every message the code asks for exists', () => {
		const used = new Set<string>();
		for (const { file, text: src } of sources) {
			if (src.includes('paraglide/messages'))
				for (const match of src.matchAll(/\bm\.([a-z0-9_]+)\(/g)) used.add(match[1]!);
			for (const match of src.matchAll(/DomainError\('([a-z0-9_]+)'\s*[,)]/g)) used.add(match[1]!);
			for (const match of src.matchAll(/\bcode: '([a-z0-9_]+)'/g)) used.add(match[1]!);
			for (const match of src.matchAll(/\bt\('([a-z0-9_]+)'\)/g)) used.add(match[1]!);
			// problems the routes translate themselves, and the audit actions the domain records
			if (file.startsWith('src/routes'))
				for (const match of src.matchAll(/problem: '([a-z0-9_]+)'/g)) used.add(match[1]!);
			if (file.startsWith('src/lib/server'))
				for (const match of src.matchAll(/audit\.record\([^;]*?\baction: '([a-z_]+)'/gs))
					used.add('audit_' + match[1]);
		}
		// keys built at run time
		for (const r of ROLES) used.add('role_' + r);
		for (const k of KINDS) used.add('kind_' + k);
		for (const p of [
			'password_too_short',
			'password_too_long',
			'money_format',
			'money_negative',
			'money_too_large',
			'money_too_precise'
		])
			used.add('error_' + p);
		for (const f of [
			'local_budget',
			'republican_budget',
			'incentive_grant',
			'donor',
			'community_private',
			'unfunded'
		])
			used.add('funding_' + f);
		for (const k of ['development_programme', 'gender_plan', 'wps_plan'])
			used.add('local_plan_kind_' + k);
		for (const k of ['count', 'percent', 'yes_no', 'money']) used.add('indicator_kind_' + k);
		for (const e of ['activity', 'indicator', 'budget_line']) used.add('entity_' + e);
		for (const a of ['activate', 'deactivate']) used.add('audit_' + a);
		for (const k of PLAN_KINDS) used.add('plan_kind_' + k);
		for (const s of PLAN_STATUSES) used.add('plan_status_' + s);
		for (const r of BODY_ROLES) used.add('body_role_' + r);
		for (const l of ['chapter', 'goal', 'task', 'measure']) used.add('level_' + l);
		for (const s of ['checking', 'checked', 'queued', 'running', 'done', 'failed'])
			used.add('import_status_' + s);
		for (const p of PILLARS) used.add('pillar_' + p);
		for (const plan of SHIPPED_PLANS) {
			if (plan.plan.act?.type) used.add('act_type_' + plan.plan.act.type);
			for (const { measure } of measuresOf(plan))
				for (const tag of measure.tags)
					if (tag.startsWith('theme:')) used.add('theme_' + tag.slice(6));
		}
		const missing = [...used].filter((k) => !(k in messages.en)).sort();
		expect(missing).toEqual([]);
	});
});
