import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { ConflictError, DomainError, Forbidden } from '../errors';
import { EXPERTISE_LIMITS } from '../../expertise/vocabulary';
import { canReviseQuestions } from './permissions';

/** One question of a set, in the three languages, with its optional hint. */
export interface Question {
	id: number;
	position: number;
	text: { ky: string; ru: string; en: string };
	hint: { ky: string; ru: string; en: string };
}

export interface QuestionSet {
	id: number;
	version: number;
	createdAt: Date;
	questions: Question[];
}

/** A question as the revision form sends it; a row left empty in all six fields is dropped. */
export interface QuestionInput {
	textKy: string;
	textRu: string;
	textEn: string;
	hintKy: string;
	hintRu: string;
	hintEn: string;
}

interface Row {
	id: number;
	position: number;
	textKy: string;
	textRu: string;
	textEn: string;
	hintKy: string;
	hintRu: string;
	hintEn: string;
}

async function questionsOf(sql: Sql, setId: number): Promise<Question[]> {
	const rows = await sql<Row[]>`
		select id, position, text_ky, text_ru, text_en, hint_ky, hint_ru, hint_en
		from expertise_question
		where set_id = ${setId}
		order by position`;
	return rows.map((r) => ({
		id: r.id,
		position: r.position,
		text: { ky: r.textKy, ru: r.textRu, en: r.textEn },
		hint: { ky: r.hintKy, ru: r.hintRu, en: r.hintEn }
	}));
}

/** A question set with its questions in order, or a 404. */
export async function questionSet(sql: Sql, setId: number): Promise<QuestionSet> {
	const [s] = await sql<{ id: number; version: number; createdAt: Date }[]>`
		select id, version, created_at
		from expertise_question_set
		where id = ${setId}`;
	if (!s) throw new DomainError('error_not_found', 404);
	return { ...s, questions: await questionsOf(sql, s.id) };
}

/** The set new checklists are filled against: the highest version. */
export async function currentSet(sql: Sql): Promise<QuestionSet> {
	const [s] = await sql<{ id: number }[]>`
		select id
		from expertise_question_set
		order by version desc
		limit 1`;
	if (!s) throw new DomainError('error_not_found', 404);
	return questionSet(sql, s.id);
}

/** Every version, newest first, with how many questions and checklists each has. */
export async function versions(
	sql: Sql
): Promise<{ id: number; version: number; createdAt: Date; questions: number; acts: number }[]> {
	return sql`
		select s.id, s.version, s.created_at,
			(select count(*)::int from expertise_question q where q.set_id = s.id) as questions,
			(select count(*)::int from expertise_act a where a.question_set_id = s.id) as acts
		from expertise_question_set s
		order by s.version desc`;
}

const squash = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

/**
 * Publishes a new version of the questions, in the order given. `baseVersion` is the version the
 * user started from: when someone published another since, nothing is written (a conflict).
 * Checklists already registered keep the set they were registered with.
 */
export async function revise(
	sql: Sql,
	actor: Actor | null,
	input: { baseVersion: number; questions: QuestionInput[] }
): Promise<{ id: number; version: number }> {
	if (!canReviseQuestions(actor)) throw new Forbidden();
	const questions: QuestionInput[] = [];
	input.questions.forEach((q, i) => {
		const c = {
			textKy: squash(q.textKy),
			textRu: squash(q.textRu),
			textEn: squash(q.textEn),
			hintKy: squash(q.hintKy),
			hintRu: squash(q.hintRu),
			hintEn: squash(q.hintEn)
		};
		if (Object.values(c).every((x) => x === '')) return;
		for (const k of ['textKy', 'textRu', 'textEn'] as const)
			if (c[k] === '')
				throw new DomainError('expertise_error_question_text', 400, { n: i + 1 }, `${k}_${i + 1}`);
		questions.push(c);
	});
	if (questions.length === 0) throw new DomainError('expertise_error_no_questions', 400);
	if (questions.length > EXPERTISE_LIMITS.questions)
		throw new DomainError('expertise_error_too_many_questions', 400, {
			max: EXPERTISE_LIMITS.questions
		});
	return transaction(sql, async (tx) => {
		// one publisher at a time, so two revisions never take the same number
		await tx`select pg_advisory_xact_lock(hashtext('expertise_questions'))`;
		const { version } = (
			await tx<{ version: number }[]>`
			select coalesce(max(version), 0)::int as version
			from expertise_question_set`
		)[0]!;
		if (version !== input.baseVersion) throw new ConflictError({}, []);
		const set = (
			await tx<{ id: number; version: number }[]>`
			insert into expertise_question_set (version, created_by)
			values (${version + 1}, ${actor.id})
			returning id, version`
		)[0]!;
		for (const [i, q] of questions.entries())
			await tx`
				insert into expertise_question (set_id, position, text_ky, text_ru, text_en, hint_ky, hint_ru, hint_en)
				values (${set.id}, ${i + 1}, ${q.textKy}, ${q.textRu}, ${q.textEn}, ${q.hintKy}, ${q.hintRu}, ${q.hintEn})`;
		await audit.record(tx, {
			userId: actor.id,
			entity: 'expertise_question_set',
			entityId: set.id,
			action: 'create',
			after: { version: set.version, questions: questions.length }
		});
		return set;
	});
}
