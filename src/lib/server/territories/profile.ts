import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { can, type TerritoryRef } from './permissions';

export interface Profile {
	headName: string;
	keneshChairName: string;
	address: string;
	phone: string;
	email: string;
	/** the share of the kenesh roster that must be present for a valid session */
	quorumPercent: number;
	updatedAt: Date | null;
}

export const EMPTY_PROFILE: Profile = {
	headName: '',
	keneshChairName: '',
	address: '',
	phone: '',
	email: '',
	quorumPercent: 50,
	updatedAt: null
};

export async function getProfile(sql: Sql, municipalityId: number): Promise<Profile> {
	const [p] = await sql<Profile[]>`
		select head_name, kenesh_chair_name, address, phone, email, quorum_percent, updated_at
		from municipality_profile where municipality_id = ${municipalityId}`;
	return p ?? EMPTY_PROFILE;
}

const LIMITS: Record<keyof Omit<Profile, 'updatedAt' | 'quorumPercent'>, number> = {
	headName: 200,
	keneshChairName: 200,
	address: 300,
	phone: 50,
	email: 200
};

/** Saves a municipality's profile; only its own staff may, and every change is audited. */
export async function updateProfile(
	sql: Sql,
	actor: Actor | null,
	territory: TerritoryRef,
	input: Omit<Profile, 'updatedAt' | 'quorumPercent'> & { quorumPercent?: number | null }
): Promise<void> {
	if (!can(actor, 'edit_profile', territory)) throw new Forbidden();
	const { quorumPercent: quorumInput, ...texts } = input;
	const clean = Object.fromEntries(
		Object.entries(texts).map(([k, v]) => [k, String(v ?? '').trim()])
	) as Omit<Profile, 'updatedAt' | 'quorumPercent'>;
	const quorumPercent = quorumInput ?? 50;
	if (!Number.isInteger(quorumPercent) || quorumPercent < 50 || quorumPercent > 100)
		throw new DomainError('error_quorum_percent');
	for (const [k, max] of Object.entries(LIMITS)) {
		if (clean[k as keyof typeof clean].length > max)
			throw new DomainError('error_field_too_long', 400, { max });
	}
	if (clean.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clean.email))
		throw new DomainError('error_email_format');
	await transaction(sql, async (tx) => {
		const before = await getProfile(tx, territory.id);
		await tx`
			insert into municipality_profile (municipality_id, head_name, kenesh_chair_name, address, phone, email, quorum_percent, updated_by)
			values (${territory.id}, ${clean.headName}, ${clean.keneshChairName}, ${clean.address}, ${clean.phone}, ${clean.email}, ${quorumPercent}, ${actor!.id})
			on conflict (municipality_id) do update set
				head_name = excluded.head_name, kenesh_chair_name = excluded.kenesh_chair_name, address = excluded.address,
				phone = excluded.phone, email = excluded.email, quorum_percent = excluded.quorum_percent, updated_by = excluded.updated_by, updated_at = now()`;
		await audit.record(tx, {
			userId: actor!.id,
			municipalityId: territory.id,
			entity: 'municipality_profile',
			entityId: territory.id,
			action: 'update',
			before: { ...before, updatedAt: undefined },
			after: { ...clean, quorumPercent }
		});
	});
}
