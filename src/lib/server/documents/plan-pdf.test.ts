import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../format';
import type { PlanView } from '../plans/types';
import { PDF_LABELS, planDocDefinition, renderPlanPdf, type PlanDocumentInput, type PlanPdfLang } from './plan-pdf';

// ── the shared hand-made plan (plans/sample-plan.ts) ─────────────────────────

import { LARGE_PLAN_LAST_TITLE as LAST_TITLE, PLAN_TITLES, a1, a2, a3, a4, activity, largePlanView, line, sampleView as view, summary } from '../plans/sample-plan';

const HASH = '3f6c0e9d8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c';

function input(v: PlanView, approved: boolean): PlanDocumentInput {
	return {
		view: v,
		municipality: { nameKy: 'Ак-Турпак', nameRu: 'Ак-Турпак', rayonKy: 'Кадамжай', rayonRu: 'Кадамжай', oblastKy: 'Баткен', oblastRu: 'Баткен' },
		profile: { headName: 'Төлөнбаев Нурлан', keneshChairName: 'Сүйүнбаева Айгүл' },
		approval: approved ? { decisionNumber: '19', decisionDate: '2025-04-07', contentHash: HASH } : null,
		draft: !approved
	};
}

// ── helpers ──────────────────────────────────────────────────────────────────

let dir = '';
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'aiyl-plan-pdf-'));
});
afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function render(name: string, i: PlanDocumentInput, lang: PlanPdfLang): Promise<string> {
	const file = join(dir, `${name}-${lang}.pdf`);
	writeFileSync(file, await renderPlanPdf(i, lang));
	return file;
}

/** pdftotext's reading of a PDF, spaces (no-break ones included) folded to one. */
function text(file: string, mode: '-layout' | '-raw' = '-layout'): string {
	return execFileSync('pdftotext', [mode, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** The raw text with no whitespace at all: a rotated watermark comes out a letter per line. */
const squeezed = (file: string) => text(file, '-raw').replace(/ /g, '');

const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

const words = (s: string) => s.split(/\s+/).filter((w) => w.length > 5);

// ── tests ────────────────────────────────────────────────────────────────────

describe('the plan document definition', () => {
	it('is pure: the same plan gives the same definition, and the plan is left as it was', () => {
		const before = JSON.stringify(view);
		const a = planDocDefinition(input(view, true), 'ky');
		const b = planDocDefinition(input(view, true), 'ky');
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(view)).toBe(before);
	});

	it('an approved plan has no watermark; a draft has one in the language of the document', () => {
		expect(planDocDefinition(input(view, true), 'ky').watermark).toBeUndefined();
		expect(planDocDefinition(input(view, false), 'ky').watermark).toMatchObject({ text: 'ДОЛБООР' });
		expect(planDocDefinition(input(view, false), 'ru').watermark).toMatchObject({ text: 'ПРОЕКТ' });
	});

	it('numbers the pages "N of M" in each language', () => {
		const footer = (lang: PlanPdfLang) => planDocDefinition(input(view, true), lang).footer as (n: number, m: number, size: unknown) => { text: string };
		expect(footer('ky')(2, 7, null).text).toBe('2-бет, бардыгы 7');
		expect(footer('ru')(2, 7, null).text).toBe('Страница 2 из 7');
	});

	it('repeats the table header on every page and keeps rows whole', () => {
		const json = JSON.stringify(planDocDefinition(input(view, true), 'ru'));
		expect(json).toContain('"headerRows":1');
		expect(json).toContain('"dontBreakRows":true');
	});

	it('Kyrgyz labels use the Kyrgyz letters, Russian labels have none, both have the same keys and no Latin words', () => {
		const ky = Object.values(PDF_LABELS.ky).join(' ');
		const ru = Object.values(PDF_LABELS.ru).join(' ');
		for (const letter of ['ң', 'ө', 'ү']) expect(ky).toContain(letter);
		expect(ru).not.toMatch(/[ңөү]/);
		expect(Object.keys(PDF_LABELS.ru)).toEqual(Object.keys(PDF_LABELS.ky));
		for (const s of [...Object.values(PDF_LABELS.ky), ...Object.values(PDF_LABELS.ru)]) expect(s.replace(/\{\w+\}|SHA-256/g, '')).not.toMatch(/[A-Za-z]/);
	});
});

describe('the plan PDF', () => {
	const files: Record<string, string> = {};
	beforeAll(async () => {
		for (const lang of ['ky', 'ru'] as const) {
			files[`draft-${lang}`] = await render('draft', input(view, false), lang);
			files[`approved-${lang}`] = await render('approved', input(view, true), lang);
		}
	}, 60_000);

	it('shows every activity title, in section order', () => {
		for (const lang of ['ky', 'ru'] as const) {
			const t = text(files[`approved-${lang}`]);
			const at = [a1, a2, a3, a4].map((a) => {
				// each document shows the wording in its own language
				const title = lang === 'ru' ? a.titleRu : a.title;
				const i = t.indexOf(words(title).slice(-1)[0]);
				for (const w of words(title)) expect(t, `${lang}: ${w}`).toContain(w);
				return i;
			});
			expect(at).toEqual([...at].sort((x, y) => x - y));
		}
	});

	it('shows the totals as officials write them', () => {
		for (const lang of ['ky', 'ru'] as const) {
			const t = text(files[`approved-${lang}`]);
			expect(t).toContain('1 500 000,74'); // the plan total
			expect(t).toContain('780 000'); // 2025
			expect(t).toContain('720 000,74'); // 2026
			expect(t).toContain('1 023 000,6'); // gender-targeted
			expect(t).toContain('179 999,99'); // funding gap
			expect(t).toContain('68,2'); // gender-targeted share
		}
	});

	it('renders the Kyrgyz letters ң ө ү', () => {
		const t = text(files['approved-ky']);
		for (const letter of ['ң', 'ө', 'ү', 'Ө']) expect(t).toContain(letter);
		expect(t).toContain('Айыл өкмөтүнүн башчысы');
		expect(t).toContain('Жергиликтүү кеңештин төрагасы');
		expect(t).toContain('Сүйүнбаева Айгүл');
	});

	it('labels everything in the language chosen', () => {
		const ky = text(files['approved-ky']);
		const ru = text(files['approved-ru']);
		expect(ky).toContain('Иш-чаралар планы');
		expect(ky).toContain('Гендердик бюджеттин жыйынтыгы');
		expect(ky).toContain('Жергиликтүү бюджет');
		expect(ky).toContain('2025-ж. II чейрек');
		expect(ru).toContain('План мероприятий');
		expect(ru).toContain('Сводка гендерного бюджета');
		expect(ru).toContain('Местный бюджет');
		expect(ru).toContain('II кв. 2025');
		expect(ru).toContain('Глава айыл окмоту');
		expect(ru).toContain('Председатель местного кенеша');
		// catalogue content in the language of the document where it has one
		for (const w of words(PLAN_TITLES['gep-2025-2027'].ru)) expect(ru).toContain(w);
		for (const w of words(PLAN_TITLES['gep-2025-2027'].ky)) expect(ky).toContain(w);
		expect(ky).not.toContain('национальный');
		for (const label of ['План мероприятий', 'Сводка гендерного бюджета', 'Страница']) expect(ky).not.toContain(label);
	});

	it('a draft carries the draft watermark; an approved plan does not', () => {
		expect(squeezed(files['draft-ky'])).toContain('ДОЛБООР');
		expect(squeezed(files['draft-ru'])).toContain('ПРОЕКТ');
		expect(squeezed(files['approved-ky'])).not.toContain('ДОЛБООР');
		expect(squeezed(files['approved-ru'])).not.toContain('ПРОЕКТ');
	});

	it('an approved plan shows its decision number and date and its content hash; a draft shows neither', () => {
		const ky = text(files['approved-ky']);
		const ru = text(files['approved-ru']);
		expect(ky).toContain('07.04.2025-ж. № 19');
		expect(ru).toContain('№ 19 от 07.04.2025');
		for (const t of [ky, ru]) expect(t.replace(/ /g, '')).toContain(HASH);
		for (const lang of ['ky', 'ru'] as const) {
			const t = text(files[`draft-${lang}`]);
			expect(t).not.toContain(HASH);
			expect(t).not.toContain('№ 19');
		}
		expect(text(files['draft-ky'])).toContain('жергиликтүү кеңеш тарабынан бекитиле элек');
	});

	it('names the municipality, rayon and oblast, the title and the period', () => {
		const t = text(files['approved-ru']);
		for (const s of ['Кыргызская Республика', 'Область: Баткен', 'Район: Кадамжай', 'Ак-Турпак', 'Ак-Турпак айыл аймагынын гендердик планы', '2025–2026 гг.']) expect(t).toContain(s);
	});

	it('numbers the pages "page N of M"', () => {
		for (const lang of ['ky', 'ru'] as const) {
			const file = files[`approved-${lang}`];
			const m = pages(file);
			expect(m).toBeGreaterThanOrEqual(3);
			const t = text(file);
			expect(t).toContain(lang === 'ky' ? `1-бет, бардыгы ${m}` : `Страница 1 из ${m}`);
			expect(t).toContain(lang === 'ky' ? `${m}-бет, бардыгы ${m}` : `Страница ${m} из ${m}`);
		}
	});

	it('is A4, portrait for the title page and landscape for the tables', () => {
		const info = execFileSync('pdfinfo', ['-f', '1', '-l', '3', files['approved-ky']], { encoding: 'utf8' });
		expect(info).toMatch(/Page\s+1 size:\s+595\.\d+ x 841\.\d+/);
		expect(info).toMatch(/Page\s+2 size:\s+841\.\d+ x 595\.\d+/);
	});

	it('rasterises: pdftoppm makes a PNG of the first page', () => {
		const prefix = join(dir, 'page');
		execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', files['draft-ky'], prefix]);
		const png = [`${prefix}-1.png`, `${prefix}-01.png`].find((f) => existsSync(f));
		expect(png).toBeDefined();
		expect(statSync(png!).size).toBeGreaterThan(1000);
	});
});

describe('rendering', () => {
	it('the same version renders to the same bytes, so a cached document can be trusted', async () => {
		const a = await renderPlanPdf(input(view, true), 'ru');
		const b = await renderPlanPdf(input(view, true), 'ru');
		expect(a.equals(b)).toBe(true);
	});

	it('a plan with no activities yet still renders, and says so', async () => {
		const empty: PlanView = {
			...view,
			sections: [],
			summary: { ...summary, years: [], activities: 0, activitiesByPlan: {}, total: { ...summary.total, total: '0.00', bySource: {}, genderAmount: '0.00', genderShare: '0.0', unfunded: '0.00', envelope: null, overEnvelope: false } }
		};
		const i = input(empty, false);
		const file = await render('empty', { ...i, municipality: { ...i.municipality, rayonKy: '', rayonRu: '' }, profile: { headName: '', keneshChairName: '' } }, 'ky');
		const t = text(file);
		expect(t).toContain('Планда азырынча иш-чаралар жок.');
		expect(t).not.toContain('Район:');
		expect(t).toContain('Айыл өкмөтүнүн башчысы');
	});
});

describe('a plan of 200 activities', () => {
	it('renders, and the last activity is in the table', async () => {
		const big = largePlanView(200);
		const file = await render('big', input(big, false), 'ky');
		const t = text(file);
		for (const w of words(LAST_TITLE)) expect(t).toContain(w);
		expect(t).toContain('Иш-чара 199:');
		expect(pages(file)).toBeGreaterThan(10);
		// the total of the table is the exact sum of the lines
		expect(t).toContain(formatMoney(big.summary.total.total, 'ky', { currency: false }).replace(/\u00a0/g, ' '));
	}, 120_000);
});
