/** Implementation reports of approved plans (issue [10]): periods, filling, submission, comments. */
export { can, type ReportAction } from './permissions';
export { addReportComment, reportComments, type ReportComment } from './comments';
export {
	reportList,
	periodsOf,
	setSchedule,
	reportPage,
	reportContent,
	saveActivity,
	writeActivity,
	addExtraSpending,
	deleteExtraSpending,
	submitReport,
	startCorrection,
	withReportLock,
	type ActivityReportInput,
	type ExtraSpendingInput,
	type ExtraLine,
	type PeriodItem,
	type ReportActivity,
	type ReportContent,
	type ReportIndicator,
	type ReportLine,
	type ReportList,
	type ReportPage,
	type ReportRef,
	type ReportVersion
} from './reports';
export { recordHearing, hearingsOf, DECISION_NUMBER_MAX, type ReportHearing } from './hearing';
export { versionChanges, type VersionChange } from './diff';
export { publicReports, publicReport, type PublicReportItem } from './public';
export { remind, DUE_SOON_DAYS } from './reminders';
export {
	addEvidence,
	deleteEvidence,
	setEvidencePublic,
	evidenceOf,
	evidenceFile,
	publicEvidenceFile,
	publicEvidence,
	detectType,
	MAX_EVIDENCE_BYTES,
	MAX_REPORT_EVIDENCE_BYTES,
	MIME as EVIDENCE_MIME,
	evidenceResponse,
	type EvidenceFile,
	type EvidenceType,
	type EvidenceDownload
} from './evidence';
