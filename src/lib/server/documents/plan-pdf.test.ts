import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../format';
import type { PlanView } from '../plans/types';
import {
	planDocDefinition,
	renderPlanPdf,
	type PlanDocumentInput,
	type PlanPdfLang
} from './plan-pdf';
import { rasterisePage, readPdf, type PdfReading } from './read-pdf';
import kyMessages from '../../i18n/messages/ky.json';
import ruMessages from '../../i18n/messages/ru.json';

// ── the shared hand-made plan (plans/sample-plan.ts) ─────────────────────────

import {
	LARGE_PLAN_LAST_TITLE as LAST_TITLE,
	PLAN_TITLES,
	a1,
	a2,
	a3,
	a4,
	largePlanView,
	sampleView as view,
	summary
} from '../plans/sample-plan';

const HASH = '3f6c0e9d8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c';

function input(v: PlanView, approved: boolean): PlanDocumentInput {
	return {
		view: v,
		municipality: {
			nameKy: 'Ак-Турпак',
			nameRu: 'Ак-Турпак',
			rayonKy: 'Кадамжай',
			rayonRu: 'Кадамжай',
			oblastKy: 'Баткен',
			oblastRu: 'Баткен'
		},
		profile: { headName: 'Төлөнбаев Нурлан', keneshChairName: 'Сүйүнбаева Айгүл' },
		approval: approved
			? { decisionNumber: '19', decisionDate: '2025-04-07', contentHash: HASH }
			: null,
		draft: !approved
	};
}

// ── helpers ──────────────────────────────────────────────────────────────────

/** A rendered plan: its bytes and what pdf.js reads in them. */
async function render(
	i: PlanDocumentInput,
	lang: PlanPdfLang
): Promise<PdfReading & { bytes: Uint8Array }> {
	const bytes = await renderPlanPdf(i, lang);
	return { bytes, ...(await readPdf(bytes)) };
}

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
		expect(planDocDefinition(input(view, false), 'ky').watermark).toMatchObject({
			text: 'ДОЛБООР'
		});
		expect(planDocDefinition(input(view, false), 'ru').watermark).toMatchObject({ text: 'ПРОЕКТ' });
	});

	it('numbers the pages "N of M" in each language', () => {
		const footer = (lang: PlanPdfLang) =>
			planDocDefinition(input(view, true), lang).footer as (
				n: number,
				m: number,
				size: unknown
			) => { text: string };
		expect(footer('ky')(2, 7, null).text).toBe('2-бет, бардыгы 7');
		expect(footer('ru')(2, 7, null).text).toBe('Страница 2 из 7');
	});

	it('repeats the table header on every page and keeps rows whole', () => {
		const json = JSON.stringify(planDocDefinition(input(view, true), 'ru'));
		expect(json).toContain('"headerRows":1');
		expect(json).toContain('"dontBreakRows":true');
	});

	it('Kyrgyz labels use the Kyrgyz letters, Russian labels have none, both have the same keys and no Latin words', () => {
		// the words only the PDF prints are the messages doc_pdf_*
		const pdf = (messages: Record<string, string>) =>
			Object.fromEntries(Object.entries(messages).filter(([k]) => k.startsWith('doc_pdf_')));
		const ky = Object.values(pdf(kyMessages)).join(' ');
		const ru = Object.values(pdf(ruMessages)).join(' ');
		for (const letter of ['ң', 'ө', 'ү']) expect(ky).toContain(letter);
		expect(ru).not.toMatch(/[ңөү]/);
		expect(Object.keys(pdf(ruMessages))).toEqual(Object.keys(pdf(kyMessages)));
		for (const s of [...Object.values(pdf(kyMessages)), ...Object.values(pdf(ruMessages))])
			expect(s.replace(/\{\w+\}|SHA-256/g, '')).not.toMatch(/[A-Za-z]/);
	});
});

describe('the plan PDF', () => {
	const files: Record<string, Awaited<ReturnType<typeof render>>> = {};
	beforeAll(async () => {
		for (const lang of ['ky', 'ru'] as const) {
			files[`draft-${lang}`] = await render(input(view, false), lang);
			files[`approved-${lang}`] = await render(input(view, true), lang);
		}
	}, 60_000);

	it('shows every activity title, in section order', () => {
		for (const lang of ['ky', 'ru'] as const) {
			const t = files[`approved-${lang}`]!.text;
			const at = [a1, a2, a3, a4].map((a) => {
				// each document shows the wording in its own language
				const title = lang === 'ru' ? a.titleRu : a.title;
				const i = t.indexOf(words(title).slice(-1)[0]!);
				for (const w of words(title)) expect(t, `${lang}: ${w}`).toContain(w);
				return i;
			});
			expect(at).toEqual([...at].sort((x, y) => x - y));
		}
	});

	it('shows the totals as officials write them', () => {
		for (const lang of ['ky', 'ru'] as const) {
			const t = files[`approved-${lang}`]!.text;
			expect(t).toContain('1 500 000,74'); // the plan total
			expect(t).toContain('780 000'); // 2025
			expect(t).toContain('720 000,74'); // 2026
			expect(t).toContain('1 023 000,6'); // gender-targeted
			expect(t).toContain('179 999,99'); // funding gap
			expect(t).toContain('68,2'); // gender-targeted share
		}
	});

	it('renders the Kyrgyz letters ң ө ү', () => {
		const t = files['approved-ky']!.text;
		for (const letter of ['ң', 'ө', 'ү', 'Ө']) expect(t).toContain(letter);
		expect(t).toContain('Айыл өкмөтүнүн башчысы');
		expect(t).toContain('Жергиликтүү кеңештин төрагасы');
		expect(t).toContain('Сүйүнбаева Айгүл');
	});

	it('labels everything in the language chosen', () => {
		const ky = files['approved-ky']!.text;
		const ru = files['approved-ru']!.text;
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
		for (const w of words(PLAN_TITLES['gep-2025-2027']!.ru)) expect(ru).toContain(w);
		for (const w of words(PLAN_TITLES['gep-2025-2027']!.ky)) expect(ky).toContain(w);
		expect(ky).not.toContain('национальный');
		for (const label of ['План мероприятий', 'Сводка гендерного бюджета', 'Страница'])
			expect(ky).not.toContain(label);
	});

	it('a draft carries the draft watermark; an approved plan does not', () => {
		expect(files['draft-ky']!.letters).toContain('ДОЛБООР');
		expect(files['draft-ru']!.letters).toContain('ПРОЕКТ');
		expect(files['approved-ky']!.letters).not.toContain('ДОЛБООР');
		expect(files['approved-ru']!.letters).not.toContain('ПРОЕКТ');
	});

	it('an approved plan shows its decision number and date and its content hash; a draft shows neither', () => {
		const ky = files['approved-ky']!.text;
		const ru = files['approved-ru']!.text;
		expect(ky).toContain('07.04.2025-ж. № 19');
		expect(ru).toContain('№ 19 от 07.04.2025');
		for (const t of [ky, ru]) expect(t.replace(/ /g, '')).toContain(HASH);
		for (const lang of ['ky', 'ru'] as const) {
			const t = files[`draft-${lang}`]!.text;
			expect(t).not.toContain(HASH);
			expect(t).not.toContain('№ 19');
		}
		expect(files['draft-ky']!.text).toContain('жергиликтүү кеңеш тарабынан бекитиле элек');
	});

	it('names the municipality, rayon and oblast, the title and the period', () => {
		const t = files['approved-ru']!.text;
		for (const s of [
			'Кыргызская Республика',
			'Область: Баткен',
			'Район: Кадамжай',
			'Ак-Турпак',
			'Ак-Турпак айыл аймагынын гендердик планы',
			'2025–2026 гг.'
		])
			expect(t).toContain(s);
	});

	it('numbers the pages "page N of M"', () => {
		for (const lang of ['ky', 'ru'] as const) {
			const { pages: m, text: t } = files[`approved-${lang}`]!;
			expect(m).toBeGreaterThanOrEqual(3);
			expect(t).toContain(lang === 'ky' ? `1-бет, бардыгы ${m}` : `Страница 1 из ${m}`);
			expect(t).toContain(lang === 'ky' ? `${m}-бет, бардыгы ${m}` : `Страница ${m} из ${m}`);
		}
	});

	it('is A4, portrait for the title page and landscape for the tables', () => {
		const a4 = (s: { width: number; height: number }) => [
			Math.round(s.width),
			Math.round(s.height)
		];
		for (const lang of ['ky', 'ru'] as const) {
			const { sizes } = files[`approved-${lang}`]!;
			expect(a4(sizes[0]!)).toEqual([595, 842]);
			for (const s of sizes.slice(1)) expect(a4(s)).toEqual([842, 595]);
		}
	});

	it('embeds its fonts, so it reads the same on a machine without them', () => {
		for (const file of Object.values(files)) {
			expect(file.fonts.length).toBeGreaterThan(0);
			for (const f of file.fonts)
				expect(f, f.name).toMatchObject({
					embedded: true,
					name: expect.stringMatching(/^[A-Z]{6}\+Roboto/)
				});
		}
	});

	it('rasterises: pdf.js draws the first page as an A4 image with ink on it', async () => {
		const page = await rasterisePage(files['draft-ky']!.bytes, 1, 0.5);
		expect([page.width, page.height]).toEqual([297, 420]); // A4 at half scale;
		expect(page.ink).toBeGreaterThan(0.005);
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
			summary: {
				...summary,
				years: [],
				activities: 0,
				activitiesByPlan: {},
				total: {
					...summary.total,
					total: '0.00',
					bySource: {},
					genderAmount: '0.00',
					genderShare: '0.0',
					unfunded: '0.00',
					envelope: null,
					overEnvelope: false
				}
			}
		};
		const i = input(empty, false);
		const { text: t } = await render(
			{
				...i,
				municipality: { ...i.municipality, rayonKy: '', rayonRu: '' },
				profile: { headName: '', keneshChairName: '' }
			},
			'ky'
		);
		expect(t).toContain('Планда азырынча иш-чаралар жок.');
		expect(t).not.toContain('Район:');
		expect(t).toContain('Айыл өкмөтүнүн башчысы');
	});
});

describe('a plan of 200 activities', () => {
	it('renders, and the last activity is in the table', async () => {
		const big = largePlanView(200);
		const { text: t, pages } = await render(input(big, false), 'ky');
		for (const w of words(LAST_TITLE)) expect(t).toContain(w);
		expect(t).toContain('Иш-чара 199:');
		expect(pages).toBeGreaterThan(10);
		// the total of the table is the exact sum of the lines
		expect(t).toContain(
			formatMoney(big.summary.total.total, 'ky', { currency: false }).replace(/\u00a0/g, ' ')
		);
	}, 120_000);
});
