-- Proposals sent per address, for the rate limit of the public form. The address is kept only as a
-- keyed hash, and rows older than a day are deleted whenever a new one is written.
create table hearing_throttle (
	address_hash text not null,
	at timestamptz not null default clock_timestamp()
);

create index hearing_throttle_idx on hearing_throttle (address_hash, at);
create index hearing_throttle_at_idx on hearing_throttle (at);

-- The key that signs the public form's token and hashes addresses, made once per database.
create table hearing_form_key (
	id boolean primary key default true check (id),
	secret text not null
);

insert into hearing_form_key (secret)
values (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
