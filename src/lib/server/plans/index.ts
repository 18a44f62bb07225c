export { can, type PlanScope, type PlanAction } from './permissions';
export { planRef, requirePlan, listForMunicipality, createPlan, updatePlan, addSection, deleteSection, type CreatePlanInput, type PlanListItem } from './plans';
export { adoptMeasures, adoptedMeasureIds, addLocalActivity, updateActivity, moveActivity, deleteActivity, history, activityIn, type ActivityFields, type HistoryEntry } from './activities';
export { saveBudgetLine, deleteBudgetLine, saveIndicator, deleteIndicator, type BudgetLineInput, type IndicatorInput, type Warning } from './budget';
export { planView, summarise } from './view';
export * from './types';
