export { can } from './permissions';
export { loadPlanFile, contentHash, type LoadResult } from './load';
export { loadShippedCatalogue, describeLoad, SHIPPED_PLANS } from './shipped';
export { listPlans, getPlan, planVersions, planFile, measurePage, type PlanSummary, type MeasurePage, type MeasureView } from './queries';
export { search, filterOptions, PILLARS, type SearchFilters, type SearchHit } from './search';
export { dryRun, startImport, runImport, getImport, detectFormat, MAX_IMPORT_BYTES, type DryRun, type MetaInput, type ImportRow, type CatalogueProblem } from './import';
export { exportPlan, type ExportFormat } from './export';
export * from './plan-file';
