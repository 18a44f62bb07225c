export { can, type PlanScope, type PlanAction } from './permissions';
export {
	planRef,
	requirePlan,
	withPlanLock,
	editPlan,
	listForMunicipality,
	supersededBy,
	createPlan,
	updatePlan,
	addSection,
	updateSection,
	deleteSection,
	type CreatePlanInput,
	type PlanListItem,
	type PlanNextStep
} from './plans';
export {
	adoptMeasures,
	adoptedMeasureIds,
	addLocalActivity,
	updateActivity,
	moveActivity,
	deleteActivity,
	history,
	activityIn,
	editActivity,
	type ActivityFields,
	type ActivityInput,
	type HistoryEntry
} from './activities';
export {
	saveBudgetLine,
	deleteBudgetLine,
	saveIndicator,
	deleteIndicator,
	type BudgetLineInput,
	type IndicatorInput,
	type Warning
} from './budget';
export { figuresFromForm, figureField, type FiguresInput } from './indicator-values';
export { adoptAndBudget, type AdoptInput, type FirstLine } from './adopt';
export { planView, summarise } from './view';
export { pickerPage, draftPlansFor, type PickerQuery } from './picker';
export {
	planOutline,
	planPage,
	type PlanOutline,
	type PlanPage,
	type OutlineActivity
} from './outline';
export * from './types';
