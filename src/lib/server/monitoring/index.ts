export { can, rowsFor } from './permissions';
export * from './oblast';
export * from './national';
export { parseDashboardQuery, parseNationalQuery, parseAdoptersQuery } from './query';
export { dashboardCsv, dashboardXlsx, dashboardTable } from './export';
export { publicOblasts, publicCoverage } from './public';
export type { PublicFigures, PublicOblast, Coverage, CoverageMeasure } from './public';
