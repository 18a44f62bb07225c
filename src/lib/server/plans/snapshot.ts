/**
 * The approved version of a plan as it was frozen (plan_approval.snapshot), read as today's
 * `PlanView`. Snapshots frozen before indicators carried their breakdown (issue [7].3) hold
 * `baseline: "12.00" | null`, `targets: [{ year, value }]` and no population: their figures are
 * read as totals; snapshots frozen before plans had Russian wordings lack `titleRu` and
 * `nationalTextRu`, which read as empty. The stored snapshot and its hash stay as they are; only
 * the copy handed to the reader is filled in, and every reader goes through here.
 */
import { emptyFigures, type IndicatorFigures } from '../../plans/indicators';
import type { Indicator, PlanView } from './types';

type OldTarget = { year: number; value?: string | null };
type StoredIndicator = Omit<Indicator, 'baseline' | 'targets' | 'population'> & {
	population?: Indicator['population'];
	baseline: IndicatorFigures | string | null;
	targets: (Indicator['targets'][number] | OldTarget)[];
};

const asTotal = (value: string | null | undefined): IndicatorFigures => ({
	...emptyFigures(),
	total: value ?? null
});

function readIndicator(i: StoredIndicator): Indicator {
	const baseline =
		i.baseline !== null && typeof i.baseline === 'object' ? i.baseline : asTotal(i.baseline);
	const targets = (i.targets ?? []).map((t) =>
		'total' in t ? t : { year: t.year, ...asTotal(t.value) }
	);
	return { ...i, population: i.population ?? 'adults', baseline, targets };
}

/**
 * What an approval freezes of a plan (plan_approval.snapshot): its view without the fields that
 * change without changing the plan (its row version, when it was last touched). The approval flow
 * and the national generator freeze through here, so a synthetic approved plan reads as a real one.
 */
export function approvalSnapshot(view: PlanView) {
	return {
		plan: { ...view.plan, rowVersion: undefined, updatedAt: undefined },
		sections: view.sections,
		summary: view.summary,
		planTitles: view.planTitles
	};
}

/** A snapshot as a `PlanView`, whichever shape it was frozen in. */
export function readSnapshot(stored: unknown): PlanView {
	const view = stored as Omit<PlanView, 'sections'> & {
		sections: (PlanView['sections'][number] & {
			activities: (PlanView['sections'][number]['activities'][number] & {
				indicators: StoredIndicator[];
			})[];
		})[];
	};
	return {
		...view,
		plan: { ...view.plan, titleRu: view.plan.titleRu ?? '' },
		sections: view.sections.map((s) => ({
			...s,
			titleRu: s.titleRu ?? '',
			activities: s.activities.map((a) => ({
				...a,
				titleRu: a.titleRu ?? '',
				provenance: a.provenance
					? { ...a.provenance, nationalTextRu: a.provenance.nationalTextRu ?? '' }
					: null,
				indicators: a.indicators.map(readIndicator)
			}))
		}))
	};
}
