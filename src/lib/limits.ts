/**
 * How long each text a user types may be, and how much one request may create. One table for the
 * server's schemas and for the forms' counters, so the page shows the same limit the server holds.
 * Text limits count characters as JavaScript does (`value.length`), with line breaks as one.
 */
export const LIMITS = {
	planTitle: 300,
	sectionTitle: 300,
	/** Sections one new plan may start with, and sections one plan may hold. */
	sections: 30,
	activityTitle: 2000,
	reason: 4000,
	responsible: 500,
	partners: 1000,
	targetGroups: 1000,
	indicatorName: 500,
	indicatorUnit: 50,
	dataSource: 500,
	number: 20,
	amount: 30,
	donorName: 200,
	classificationCode: 12,
	justification: 2000,
	comment: 4000,
	/** an activity's narrative and problems in a report */
	reportText: 4000,
	reportReason: 1000,
	reportExtra: 500,
	amendmentReason: 2000,
	decisionNumber: 50,
	fullName: 200,
	username: 40,
	password: 200,
	headName: 200,
	keneshChairName: 200,
	address: 300,
	phone: 50,
	email: 200,
	search: 200,
	tag: 60,
	metaField: 500,
	/** Measures one pick may adopt at once. */
	pick: 200,
	/** Deputies one session record may list as present. */
	present: 500
} as const;

export type LimitName = keyof typeof LIMITS;
