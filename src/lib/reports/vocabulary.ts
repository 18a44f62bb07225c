/**
 * The words of implementation reports that the server and the pages share: how often a plan
 * reports, an activity's status and why it stopped, where a report stands. Labels live in the
 * messages (`report_frequency_quarter`, `report_status_done`, `report_reason_no_funding`, …).
 */

import type { AgeBand, Disability } from '../plans/vocabulary';

export const FREQUENCIES = ['annual', 'half_year', 'quarter'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const ACTIVITY_STATUSES = [
	'not_started',
	'in_progress',
	'done',
	'postponed',
	'cancelled'
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Postponed and cancelled activities say why. */
export const STOP_REASONS = [
	'no_funding',
	'moved_to_other_plan',
	'no_longer_needed',
	'other'
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const needsReason = (status: ActivityStatus): boolean =>
	status === 'postponed' || status === 'cancelled';

/** Where a report stands for its readers: `upcoming` before its period starts. */
export const REPORT_STATES = ['upcoming', 'due', 'in_progress', 'submitted', 'late'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Days after a period's end a report is due, unless the municipality sets otherwise. */
export const DEFAULT_DUE_DAYS = 15;

/**
 * The row keys of an indicator's actuals by age band and by disability on the report page
 * (`ageToTwentyNine_<indicator id>`): letters only, as the page's row fields are `<key>_<id>`.
 */
export const ACTUAL_AGE_KEYS = {
	'0-5': 'ageToFive',
	'6-13': 'ageToThirteen',
	'14-17': 'ageToSeventeen',
	'18-29': 'ageToTwentyNine',
	'30-59': 'ageToFiftyNine',
	'60+': 'ageSixtyPlus'
} as const satisfies Record<AgeBand, string>;
export const ACTUAL_DISABILITY_KEYS = {
	with: 'disabled',
	without: 'notDisabled'
} as const satisfies Record<Disability, string>;
