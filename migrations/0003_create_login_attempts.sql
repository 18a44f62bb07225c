-- Login attempts, kept in PostgreSQL so throttling survives restarts and holds across app servers.
create table login_attempt (
	id bigint generated always as identity primary key,
	username text not null,
	address text not null,
	succeeded boolean not null,
	at timestamptz not null default now()
);

create index login_attempt_username_idx on login_attempt (username, at desc);
create index login_attempt_address_idx on login_attempt (address, at desc);
