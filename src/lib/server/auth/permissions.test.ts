import { describe, expect, it } from 'vitest';
import type { Actor, Membership, Role } from './actor';
import * as territories from '../territories/permissions';
import * as users from '../users/permissions';
import * as system from '../system';

const AK_TURPAK = { id: 10, kind: 'municipality', regionId: 5 };
const KYSHTUT = { id: 11, kind: 'municipality', regionId: 5 };
const KARAKOL = { id: 20, kind: 'town', regionId: 2 };
const BATKEN = { id: 5, kind: 'oblast', regionId: 5 };

function actor(role: Role, territoryId: number | null): Actor {
	const m: Membership = {
		id: 1,
		role,
		territoryId,
		territoryKind: null,
		territoryNameKy: null,
		territoryNameRu: null,
		territoryNameEn: null,
		territoryStatCode: null,
		regionId: territoryId === null ? null : territoryId === 10 ? 5 : territoryId,
		isSecretary: false
	};
	return {
		id: 1,
		username: role,
		fullName: role,
		locale: 'ky',
		mustChangePassword: false,
		memberships: [m]
	};
}

describe('territory permissions', () => {
	it('staff read and edit only their own municipality', () => {
		const staff = actor('staff', 10);
		expect(territories.can(staff, 'read', AK_TURPAK)).toBe(true);
		expect(territories.can(staff, 'edit_profile', AK_TURPAK)).toBe(true);
		expect(territories.can(staff, 'read', KYSHTUT)).toBe(false);
		expect(territories.can(staff, 'edit_profile', KYSHTUT)).toBe(false);
		expect(territories.can(staff, 'read', BATKEN)).toBe(false);
	});
	it('a deputy reads their municipality but does not edit it', () => {
		const deputy = actor('deputy', 10);
		expect(territories.can(deputy, 'read', AK_TURPAK)).toBe(true);
		expect(territories.can(deputy, 'edit_profile', AK_TURPAK)).toBe(false);
	});
	it('an oblast representative reads inside the oblast only and edits nothing', () => {
		const oblast = actor('oblast', 5);
		expect(territories.can(oblast, 'read', KYSHTUT)).toBe(true);
		expect(territories.can(oblast, 'read', BATKEN)).toBe(true);
		expect(territories.can(oblast, 'read', KARAKOL)).toBe(false);
		expect(territories.can(oblast, 'edit_profile', KYSHTUT)).toBe(false);
	});
	it('national and admin read everywhere; only admin imports; the public does nothing', () => {
		expect(territories.can(actor('national', null), 'read', KARAKOL)).toBe(true);
		expect(territories.can(actor('national', null), 'import')).toBe(false);
		expect(territories.can(actor('admin', null), 'import')).toBe(true);
		expect(territories.can(null, 'read', AK_TURPAK)).toBe(false);
	});
});

describe('account and system permissions', () => {
	it('only admins manage accounts and see the system page; everyone signed in changes their own password', () => {
		for (const role of ['staff', 'deputy', 'oblast', 'national'] as const) {
			const a = actor(role, role === 'national' ? null : 10);
			expect(users.can(a, 'create')).toBe(false);
			expect(users.can(a, 'reset_password')).toBe(false);
			expect(users.can(a, 'change_own_password')).toBe(true);
			expect(system.can(a, 'read')).toBe(false);
		}
		expect(users.can(actor('admin', null), 'create')).toBe(true);
		expect(system.can(actor('admin', null), 'read')).toBe(true);
		expect(users.can(null, 'change_own_password')).toBe(false);
	});
});
