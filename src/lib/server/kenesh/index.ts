export { can, type RosterAction, type RosterScope } from './permissions';
export {
	SEXES,
	rosterScope,
	listDeputies,
	addDeputy,
	updateDeputy,
	removeDeputy,
	seatShare,
	womenShareOf,
	deputyOfUser,
	activeDeputies,
	linkableLogins,
	type Sex,
	type Deputy,
	type DeputyInput,
	type SeatShare
} from './roster';
export { seedRosters, DEMO_ROSTERS } from './demo-roster';
