import { mkdirSync, writeFileSync } from 'node:fs';
import { createCanvas, loadImage, Path2D } from '@napi-rs/canvas';
// fontkit comes with pdfmake (through pdfkit), which draws the PDFs with it: the same reading of the font
// @ts-expect-error fontkit ships no type declarations
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../format';
import { rasterisePage, readPdf } from '../documents/read-pdf';
import { largePlanView, sampleView } from '../plans/sample-plan';
import { summarise } from '../plans/view';
import { FUNDING } from '../../plans/vocabulary';
import type { ReportContent } from '../reports/reports';
import { planSummary, reportSummary, type PlanSummaryInput } from './model';
import { FITS, summaryDocDefinition, renderSummaryPdf } from './pdf';
import { fontOf, PNG_SIZE, registerFonts, renderSummaryPng, robotoFile } from './png';

// one activity worded in Kyrgyz only: the Russian summary prints it in Kyrgyz, ң ө ү and all
const view = {
	...sampleView,
	sections: sampleView.sections.map((s, i) => ({
		...s,
		activities: s.activities.map((a, k) =>
			i === 0 && k === 0
				? { ...a, title: 'Үй-бүлөдөгү зордук-зомбулукка каршы аң-сезим', titleRu: '' }
				: a
		)
	}))
};

const input: PlanSummaryInput = {
	planId: 12,
	view,
	municipality: { ky: 'Ак-Турпак айыл аймагы', ru: 'Ак-Турпакский айылный аймак' },
	oblast: { ky: 'Баткен облусу', ru: 'Баткенская область' },
	decisionNumber: '19',
	decisionDate: '2025-04-07',
	seats: { seats: 21, women: 9 },
	origin: 'https://aiyl.example.kg'
};

const money = (v: string, lang: 'ky' | 'ru') =>
	formatMoney(v, lang, { currency: false }).replace(/\u00a0/g, ' ');

const content: ReportContent = {
	year: 2025,
	sections: [
		{
			id: 1,
			title: 'Экономикалык мүмкүнчүлүктөр',
			titleRu: 'Экономические возможности',
			activities: [
				{
					id: 101,
					title: 'Аялдар үчүн ишкердик курстары',
					titleRu: 'Курсы предпринимательства для женщин',
					recorded: true,
					status: 'done',
					reason: '',
					reasonText: '',
					narrative: '',
					problems: '',
					indicators: [],
					lines: [
						{
							id: 1,
							source: 'local_budget',
							donorName: '',
							marker: 2,
							genderShare: '100.00',
							planned: '120000.00',
							spent: '90000.00',
							rate: '75.0',
							genderSpent: '90000.00',
							plannedBeneficiaries: { women: 40, men: null, girls: null, boys: null },
							reached: { women: 35, men: null, girls: null, boys: null }
						}
					]
				}
			]
		}
	],
	extras: [],
	summary: {
		bySource: {
			local_budget: {
				planned: '120000.00',
				spent: '90000.00',
				rate: '75.0',
				gender: '90000.00',
				unspent: '30000.00'
			}
		},
		total: {
			planned: '120000.00',
			spent: '90000.00',
			rate: '75.0',
			gender: '90000.00',
			unspent: '30000.00'
		}
	},
	beneficiaries: {
		planned: { women: 40, men: null, girls: null, boys: null },
		reached: { women: 35, men: null, girls: null, boys: null }
	}
};

const report = reportSummary({
	...input,
	report: {
		period: '2025',
		year: 2025,
		frequency: 'annual',
		number: 1,
		submittedOn: '2026-01-20',
		version: 1,
		content
	}
});

/** Where a run leaves the files for a person to look at. */
const OUT = process.env.SUMMARY_OUT;

describe('the summary of an approved plan', () => {
	const model = planSummary(input);

	it('ranks the activities by their whole budget, largest first, at most five', () => {
		expect(model.top.length).toBeLessThanOrEqual(5);
		const amounts = model.top.map((a) => Number(a.amount));
		expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
		expect(model.top.length + model.more).toBe(sampleView.summary.activities);
	});

	it('takes its totals and the gender-targeted share from the plan summary, and the women’s share of seats from the roster', () => {
		expect(model.budget).toEqual({
			total: sampleView.summary.total.total,
			gender: sampleView.summary.total.genderAmount,
			genderShare: sampleView.summary.total.genderShare,
			unfunded: sampleView.summary.total.unfunded
		});
		expect(model.seats).toEqual({ seats: 21, women: 9, share: '42.9' });
		expect(planSummary({ ...input, seats: { seats: 0, women: 0 } }).seats.share).toBeNull();
	});

	it('the chart’s sources add up to the plan total', () => {
		const tyiyn = model.chart.reduce((s, r) => s + Math.round(Number(r.first) * 100), 0);
		expect(tyiyn).toBe(Math.round(Number(sampleView.summary.total.total) * 100));
	});

	for (const lang of ['ky', 'ru'] as const) {
		it(`is a one-page A4 PDF in ${lang} whose text holds the municipality, the totals, the short link and ң ө ү`, async () => {
			const pdf = await renderSummaryPdf(model, lang);
			expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
			const r = await readPdf(pdf);
			expect(r.pages).toBe(1);
			expect(Math.round(r.sizes[0]!.width)).toBe(595);
			expect(Math.round(r.sizes[0]!.height)).toBe(842);
			expect(r.text).toContain(
				lang === 'ky' ? 'Ак-Турпак айыл аймагы' : 'Ак-Турпакский айылный аймак'
			);
			expect(r.text).toContain(money(model.budget.total, lang));
			expect(r.text).toContain(money(model.budget.gender, lang));
			expect(r.text).toContain(`${model.budget.genderShare.replace('.', ',')} %`);
			expect(r.text).toContain('42,9 %');
			expect(r.letters).toContain(
				lang === 'ky' ? 'https://aiyl.example.kg/s/12' : 'https://aiyl.example.kg/ru/s/12'
			);
			for (const ch of ['ң', 'ө', 'ү']) expect(r.letters).toContain(ch);
			// every font is embedded Roboto: the letters are the font's, not a viewer's substitute
			expect(r.fonts.length).toBeGreaterThan(0);
			for (const f of r.fonts) {
				expect(f.name).toMatch(/Roboto/);
				expect(f.embedded).toBe(true);
			}
			const page = await rasterisePage(pdf, 1, 1);
			expect(page.ink).toBeGreaterThan(0.02);
			if (OUT) {
				mkdirSync(OUT, { recursive: true });
				writeFileSync(`${OUT}/plan-${lang}.pdf`, pdf);
				writeFileSync(`${OUT}/plan-${lang}.pdf.png`, (await rasterisePage(pdf, 1, 1.5)).png);
			}
		});
	}

	it('stays one page at the extremes: every text at its longest, every funding source, the largest amounts, plan and report, ky and ru', async () => {
		const long = 'Ө'.repeat(30) + ' ' + 'Жергиликтүү кеңештин аялдар депутаттары менен '.repeat(12);
		const large = largePlanView(60);
		let i = 0;
		const sections = large.sections.map((sec) => ({
			...sec,
			activities: sec.activities.map((a) => ({
				...a,
				title: long,
				titleRu: long,
				budget: a.budget.map((b) => ({
					...b,
					amount: '999999999.99',
					source: FUNDING[i++ % FUNDING.length]!
				}))
			}))
		}));
		const extreme: PlanSummaryInput = {
			...input,
			planId: 123456,
			view: {
				...large,
				plan: { ...large.plan, title: long, titleRu: long },
				sections,
				summary: summarise(
					large.plan,
					sections.flatMap((sec) => sec.activities)
				)
			},
			municipality: { ky: long.slice(0, 120), ru: long.slice(0, 120) },
			oblast: { ky: long.slice(0, 80), ru: long.slice(0, 80) },
			// the longest decision number the approval takes
			decisionNumber: 'N'.repeat(50)
		};
		const longContent: ReportContent = {
			...content,
			sections: content.sections.map((s) => ({
				...s,
				activities: Array.from({ length: 8 }, (_, k) => ({
					...s.activities[0]!,
					id: 200 + k,
					title: long,
					titleRu: long
				}))
			}))
		};
		const models = [
			planSummary(extreme),
			reportSummary({
				...extreme,
				report: { ...report.report!, content: longContent }
			})
		];
		for (const model of models)
			for (const lang of ['ky', 'ru'] as const) {
				const pdf = await renderSummaryPdf(model, lang);
				const r = await readPdf(pdf);
				expect(r.pages, `${model.kind} ${lang}`).toBe(1);
				// what the stand must show is still there: the municipality, the figures, the link
				expect(r.text).toContain(long.slice(0, 30));
				expect(r.text).toContain(money(model.report?.planned ?? model.budget.total, lang));
				expect(r.letters).toContain(lang === 'ky' ? '/s/123456' : '/ru/s/123456');
				if (OUT)
					writeFileSync(
						`${OUT}/extreme-${model.kind}-${lang}.pdf.png`,
						(await rasterisePage(pdf, 1, 1.5)).png
					);
			}
	});

	it('a usual plan is printed whole: its titles are not cut to fit', () => {
		const loosest = JSON.stringify(summaryDocDefinition(model, 'ky'));
		expect(JSON.stringify(summaryDocDefinition(model, 'ky', FITS[0]))).toBe(loosest);
		for (const a of model.top) expect(loosest).toContain(JSON.stringify(a.title.ky).slice(1, -1));
	});

	it('the document definition is pure: the same summary gives the same definition', () => {
		expect(JSON.stringify(summaryDocDefinition(model, 'ru'))).toBe(
			JSON.stringify(summaryDocDefinition(planSummary(input), 'ru'))
		);
	});
});

describe('the summary of a submitted report', () => {
	it('prints the year’s planned and spent money and the execution rate, with the short link to the report', async () => {
		expect(report.report).toMatchObject({ planned: '120000.00', spent: '90000.00', rate: '75.0' });
		expect(report.link.path).toBe('/s/12/2025');
		for (const lang of ['ky', 'ru'] as const) {
			const pdf = await renderSummaryPdf(report, lang);
			const r = await readPdf(pdf);
			expect(r.pages).toBe(1);
			expect(r.text).toContain(money('120000.00', lang));
			expect(r.text).toContain(money('90000.00', lang));
			expect(r.text).toContain('75,0 %');
			expect(r.letters).toContain('/s/12/2025');
			if (OUT) {
				writeFileSync(`${OUT}/report-${lang}.pdf.png`, (await rasterisePage(pdf, 1, 1.5)).png);
				writeFileSync(`${OUT}/report-${lang}.png`, await renderSummaryPng(report, lang));
			}
		}
	});
});

interface FontkitFont {
	unitsPerEm: number;
	glyphForCodePoint(cp: number): FontkitGlyph;
	getGlyph(id: number): FontkitGlyph;
}
interface FontkitGlyph {
	id: number;
	path: { toSVG(): string };
}

/** The pixels of an image, and which of them are ink (clearly darker than white). */
async function inkOf(png: Uint8Array | Buffer) {
	const image = await loadImage(png);
	const c = createCanvas(image.width, image.height);
	const ctx = c.getContext('2d');
	ctx.drawImage(image, 0, 0);
	const { data } = ctx.getImageData(0, 0, image.width, image.height);
	const ink = new Uint8Array(image.width * image.height);
	for (let i = 0; i < ink.length; i++)
		ink[i] = Math.min(data[4 * i]!, data[4 * i + 1]!, data[4 * i + 2]!) < 160 ? 1 : 0;
	return { width: image.width, height: image.height, ink, data };
}

describe('the summary picture for messengers', () => {
	for (const lang of ['ky', 'ru'] as const) {
		it(`is a ${PNG_SIZE.width} × ${PNG_SIZE.height} PNG in ${lang} with ink on it`, async () => {
			const png = await renderSummaryPng(planSummary(input), lang);
			expect(png.subarray(1, 4).toString()).toBe('PNG');
			const { width, height, ink, data } = await inkOf(png);
			expect({ width, height }).toEqual(PNG_SIZE);
			const share = ink.reduce((s, v) => s + v, 0) / ink.length;
			expect(share).toBeGreaterThan(0.03);
			// the band at the top is drawn in the band's colour
			expect([data[0], data[1], data[2]]).toEqual([0x1f, 0x4e, 0x79]);
			if (OUT) writeFileSync(`${OUT}/plan-${lang}.png`, png);
		});
	}

	it('draws ң ө ү with Roboto’s own glyphs, not a fallback font’s nor empty boxes', async () => {
		registerFonts();
		const size = 120;
		const font = fontkit.openSync(robotoFile('Roboto-Regular.ttf')) as FontkitFont;
		for (const ch of ['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү']) {
			const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
			// the font has the letter: glyph 0 is .notdef, the box a missing letter shows
			expect(glyph.id).toBeGreaterThan(0);
			// the letter as the summary's text run draws it
			const run = createCanvas(200, 200);
			const a = run.getContext('2d');
			a.fillStyle = '#fff';
			a.fillRect(0, 0, 200, 200);
			a.fillStyle = '#000';
			a.font = fontOf(size);
			a.fillText(ch, 40, 150);
			// the same letter drawn from the font file's outline
			const ref = createCanvas(200, 200);
			const b = ref.getContext('2d');
			b.fillStyle = '#fff';
			b.fillRect(0, 0, 200, 200);
			b.fillStyle = '#000';
			const scale = size / font.unitsPerEm;
			b.setTransform(scale, 0, 0, -scale, 40, 150);
			b.fill(new Path2D(glyph.path.toSVG()));
			const x = await inkOf(await run.encode('png'));
			const y = await inkOf(await ref.encode('png'));
			let both = 0;
			let either = 0;
			for (let i = 0; i < x.ink.length; i++) {
				both += x.ink[i]! & y.ink[i]!;
				either += x.ink[i]! | y.ink[i]!;
			}
			expect(either).toBeGreaterThan(200);
			// the same shape in the same place: a fallback font or a box would not overlap like this
			expect(both / either).toBeGreaterThan(0.85);
		}
	});

	it('the comparison fails for a box: ң against the font’s missing-letter glyph', async () => {
		registerFonts();
		const font = fontkit.openSync(robotoFile('Roboto-Regular.ttf')) as FontkitFont;
		// glyph 0 (.notdef) is what a letter the font lacks is drawn as
		const glyph = font.getGlyph(0);
		const size = 120;
		const run = createCanvas(200, 200);
		const a = run.getContext('2d');
		a.fillStyle = '#fff';
		a.fillRect(0, 0, 200, 200);
		a.fillStyle = '#000';
		a.font = fontOf(size);
		a.fillText('ң', 40, 150);
		const ref = createCanvas(200, 200);
		const b = ref.getContext('2d');
		b.fillStyle = '#fff';
		b.fillRect(0, 0, 200, 200);
		b.fillStyle = '#000';
		const scale = size / font.unitsPerEm;
		b.setTransform(scale, 0, 0, -scale, 40, 150);
		b.fill(new Path2D(glyph.path.toSVG()));
		const x = await inkOf(await run.encode('png'));
		const y = await inkOf(await ref.encode('png'));
		let both = 0;
		let either = 0;
		for (let i = 0; i < x.ink.length; i++) {
			both += x.ink[i]! & y.ink[i]!;
			either += x.ink[i]! | y.ink[i]!;
		}
		expect(both / either).toBeLessThan(0.5);
	});
});
