export { can, rowsFor } from './permissions';
export * from './oblast';
export * from './national';
export { parseDashboardQuery, parseNationalQuery, parseAdoptersQuery } from './query';
export { dashboardCsv, dashboardXlsx, dashboardTable } from './export';
