export { can } from './permissions';
export { loadPlanFile, contentHash, type LoadResult } from './load';
export { loadShippedCatalogue, describeLoad, SHIPPED_PLANS } from './shipped';
export {
	listPlans,
	getPlan,
	planVersions,
	planFile,
	measurePage,
	type PlanSummary,
	type MeasurePage,
	type MeasureView
} from './queries';
export { search, filterOptions, PILLARS, type SearchFilters, type SearchHit } from './search';
export {
	dryRun,
	checkFile,
	registries,
	queueCheck,
	runCheck,
	deleteStaleChecks,
	importChecked,
	runImport,
	getImport,
	detectFormat,
	MAX_IMPORT_BYTES,
	XLSX_LIMITS,
	type DryRun,
	type CheckReport,
	type MetaInput,
	type ImportRow,
	type ImportStatus,
	type CatalogueProblem
} from './import';
export { exportPlan, templateFile, type ExportFormat } from './export';
export * from './plan-file';
export { searchQuery, filtersOf } from './filters';
