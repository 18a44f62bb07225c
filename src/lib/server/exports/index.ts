export {
	extract,
	isApproved,
	regionByStatCode,
	isoPeriod,
	dataElementCode,
	CATEGORIES,
	DATA_SETS,
	SPENT,
	type DataValue,
	type Scope
} from './model';
export { adxXml, dataValueSets, optionComboCode, xmlAttr, ADX_NS } from './writers';
export { metadata } from './metadata';
export { sdg551bCsv, SDG_SERIES, SDG_HEADER } from './sdg';
export { can, type ExportScope } from './permissions';
export { exportResponse, type Format } from './respond';
export { planExport, bulkExport } from './routes';
