/**
 * `npx tsx src/cli/bench-pdf.ts [--out DIR]`: how long the plan PDF of a 200-activity plan takes to
 * render, in Kyrgyz and in Russian, and the peak memory of the process while it does. No database:
 * the plan is built in memory. With --out the two PDFs are written to DIR to look at.
 *
 * pdfmake lays the document out synchronously, so the 5 ms sampler cannot run during the layout
 * itself; the process's own high-water mark (getrusage maxRSS) is printed beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPlanPdf, type PlanDocumentInput, type PlanPdfLang } from '../lib/server/documents/plan-pdf';
import { addMoney, percentOf } from '../lib/money';
import type { Activity, BudgetLine, Funding, Indicator, Marker, PlanView, Section, YearSummary } from '../lib/server/plans/types';

const ACTIVITIES = 200;
const YEARS = [2025, 2026, 2027];
const SOURCES: Funding[] = ['local_budget', 'republican_budget', 'incentive_grant', 'donor', 'community_private', 'unfunded'];
const MiB = 1024 * 1024;

let nextId = 1;

function indicator(activityId: number, name: string, unit: string, kind: Indicator['kind'], baseline: string, targets: string[]): Indicator {
	return {
		id: nextId++,
		activityId,
		name,
		unit,
		kind,
		baseline,
		bySex: true,
		byAge: false,
		byDisability: false,
		dataSource: 'Айыл өкмөтүнүн маалыматы',
		targets: YEARS.map((year, i) => ({ year, value: targets[i] })),
		rowVersion: 1
	};
}

/** Half of an amount, rounded half up to the tyiyn. */
function half(amount: string): string {
	const [w, f] = amount.split('.');
	const h = (BigInt(w) * 100n + BigInt(f) + 1n) / 2n;
	return `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
}

function budget(activityId: number, i: number): BudgetLine[] {
	return YEARS.map((year, k) => {
		const amount = `${10_000 + ((i * 7919 + k * 104729) % 90_000)}.${String((i + k) % 100).padStart(2, '0')}`;
		const marker = ((i + k) % 3) as Marker;
		const source = SOURCES[(i + k) % SOURCES.length];
		return {
			id: nextId++,
			activityId,
			year,
			amount,
			source,
			donorName: source === 'donor' ? 'ПРООН' : '',
			classificationCode: '2215',
			marker,
			genderShare: marker === 2 ? '100' : marker === 1 ? '50' : '0',
			genderAmount: marker === 2 ? amount : marker === 1 ? half(amount) : '0.00',
			justification: marker === 2 ? 'Аялдардын жана кыздардын муктаждыктарына түздөн-түз багытталган' : '',
			beneficiariesWomen: 40,
			beneficiariesMen: 10,
			beneficiariesGirls: 15,
			beneficiariesBoys: 5,
			rowVersion: 1
		};
	});
}

function activity(i: number, section: Section): Activity {
	const id = 10_000 + i;
	return {
		id,
		sectionId: section.id,
		position: section.activities.length,
		title: `Иш-чара ${i + 1}: үй-бүлөлүк зомбулуктун алдын алуу, аялдардын ишкердигин колдоо жана жергиликтүү өз алдынча башкарууга катышуусун көңүлгө алуу`,
		reason: 'Айыл аймагынын жамааттык угууларында аялдар көтөргөн маселе',
		responsible: 'Айыл өкмөтүнүн социалдык иштер боюнча адиси',
		partners: 'Райондук социалдык өнүгүү башкармалыгы, «Аялдар кеңеши»',
		targetGroups: 'Аялдар, жаштар, майыптуулугу бар адамдар',
		startYear: 2025,
		startQuarter: (i % 4) + 1,
		endYear: 2027,
		endQuarter: 4,
		provenance:
			i % 3 === 0
				? null
				: {
						measureNodeId: 500 + i,
						measureStableId: `gep.m${i}`,
						measureNumber: `${(i % 5) + 1}.${(i % 7) + 1}.${(i % 4) + 1}`,
						catalogueVersionId: 1,
						catalogueVersion: 1,
						planId: 1,
						planKey: i % 2 ? 'gep-2025-2027' : 'nap-1325-2025-2027',
						planKind: i % 2 ? 'gender_nap' : 'nap_1325',
						planPeriod: { start: 2025, end: 2027 },
						planTitle:
							i % 2
								? { ky: 'Гендердик теңчилик боюнча экинчи улуттук план', ru: 'Второй национальный план по гендерному равенству' }
								: { ky: '1325-резолюция боюнча бешинчи улуттук иш-аракеттер планы', ru: 'Пятый национальный план действий по резолюции 1325' },
						nationalText: 'Улуттук деңгээлдеги чаранын тексти',
						pillars: ['prevention']
					},
		indicators: [
			indicator(id, 'Катышкан аялдардын саны', 'адам', 'count', String(i % 13), ['10', '20', '30']),
			indicator(id, 'Кызматтан пайдаланган үй-бүлөлөрдүн үлүшү', '%', 'percent', '12.5', ['15', '17.5', '20'])
		],
		budget: budget(id, i),
		rowVersion: 1
	};
}

function yearSummary(lines: BudgetLine[], year: number | 'total'): YearSummary {
	const bySource: Record<string, string> = {};
	for (const b of lines) bySource[b.source] = addMoney(bySource[b.source] ?? '0.00', b.amount);
	const total = addMoney('0.00', ...lines.map((b) => b.amount));
	const genderAmount = addMoney('0.00', ...lines.map((b) => b.genderAmount));
	return {
		year,
		total,
		bySource,
		genderAmount,
		genderShare: percentOf(genderAmount, total),
		unfunded: bySource.unfunded ?? '0.00',
		envelope: year === 'total' ? null : '3500000.00',
		overEnvelope: false,
		byPlan: {},
		byPillar: {}
	};
}

function planView(): PlanView {
	const sections: Section[] = Array.from({ length: 10 }, (_, s) => ({
		id: 1000 + s,
		title: `Приоритеттүү багыт ${s + 1}: аялдардын жана жаштардын коомдук турмушка катышуусу`,
		position: s,
		activities: []
	}));
	for (let i = 0; i < ACTIVITIES; i++) {
		const section = sections[Math.floor((i * sections.length) / ACTIVITIES)];
		section.activities.push(activity(i, section));
	}
	const lines = sections.flatMap((s) => s.activities.flatMap((a) => a.budget));
	return {
		plan: {
			id: 1,
			municipalityId: 1,
			municipality: { nameKy: 'Ак-Турпак', nameRu: 'Ак-Турпак', nameEn: 'Ak-Turpak', soateCode: '41705258804000' },
			kind: 'development_programme',
			title: 'Ак-Турпак айыл аймагын 2025–2027-жылдары социалдык-экономикалык өнүктүрүү программасы: гендердик теңчилик боюнча иш-аракеттер',
			periodStart: YEARS[0],
			periodEnd: YEARS[YEARS.length - 1],
			envelopes: YEARS.map((year) => ({ year, amount: '3500000.00' })),
			rowVersion: 1,
			createdAt: new Date('2025-03-01T00:00:00Z'),
			updatedAt: new Date('2025-04-07T00:00:00Z')
		},
		sections,
		summary: {
			years: YEARS.map((y) => yearSummary(lines.filter((b) => b.year === y), y)),
			total: yearSummary(lines, 'total'),
			activitiesByPlan: {},
			activities: ACTIVITIES
		},
		planTitles: {}
	};
}

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

async function main() {
	const outIndex = process.argv.indexOf('--out');
	const out = outIndex > 0 ? process.argv[outIndex + 1] : null;
	if (out) mkdirSync(out, { recursive: true });
	const input: PlanDocumentInput = {
		view: planView(),
		municipality: { nameKy: 'Ак-Турпак', nameRu: 'Ак-Турпак', rayonKy: 'Кадамжай', rayonRu: 'Кадамжай', oblastKy: 'Баткен', oblastRu: 'Баткен' },
		profile: { headName: 'Төлөнбаев Нурлан', keneshChairName: 'Сүйүнбаева Айгүл' },
		approval: null,
		draft: true
	};
	const timer = setInterval(sample, 5);
	try {
		for (const lang of ['ky', 'ru'] as PlanPdfLang[]) {
			peakRss = 0;
			sample();
			const t = performance.now();
			const pdf = await renderPlanPdf(input, lang);
			const ms = performance.now() - t;
			sample();
			const maxRss = process.resourceUsage().maxRSS * 1024;
			console.log(
				`PDF ${ACTIVITIES} activities (${lang}): ${ms.toFixed(0)} ms, peak RSS ${(peakRss / MiB).toFixed(0)} MiB ` +
					`(process high-water mark ${(maxRss / MiB).toFixed(0)} MiB), ${(pdf.length / 1024).toFixed(0)} KiB`
			);
			if (out) writeFileSync(join(out, `plan-${ACTIVITIES}-${lang}.pdf`), pdf);
		}
	} finally {
		clearInterval(timer);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
