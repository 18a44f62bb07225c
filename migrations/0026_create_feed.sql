-- The feed upward (issue [11], DESIGN.md §2.7, §9): signed, exactly-once delivery of approved plans
-- and submitted reports to other instances (oblast, national), and what this instance receives.

-- Where this instance sends its feed. The shared secret is stored because each delivery is signed
-- with it; the admin screen never shows it again after creation.
create table feed_endpoint (
	id bigint generated always as identity primary key,
	url text not null check (url ~ '^https?://' and length(url) <= 2000),
	key_id text not null check (key_id ~ '^[A-Za-z0-9._-]{1,100}$'),
	secret text not null check (length(secret) between 16 and 200),
	active boolean not null default true,
	created_at timestamptz not null default now()
);

-- One document for one endpoint: the document is built in the transaction of the state change, so
-- it is exactly what was approved or submitted; the idempotency key is its content hash.
create table feed_delivery (
	id bigint generated always as identity primary key,
	municipality_id bigint not null references territory (id),
	endpoint_id bigint not null references feed_endpoint (id) on delete cascade,
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	kind text not null check (kind in ('plan', 'report')),
	document jsonb not null,
	state text not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
	last_error text,
	created_at timestamptz not null default now(),
	delivered_at timestamptz,
	unique (endpoint_id, content_hash)
);

create index feed_delivery_state_idx on feed_delivery (state, created_at);

-- Every attempt: when, the HTTP status (null when no answer came), how long it took.
create table feed_attempt (
	id bigint generated always as identity primary key,
	delivery_id bigint not null references feed_delivery (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	at timestamptz not null default now(),
	http_status int,
	duration_ms int not null,
	error text
);

create index feed_attempt_delivery_idx on feed_attempt (delivery_id, at);

-- The keys other instances sign with when they send here. HMAC needs the secret, so it is stored;
-- a revoked key is refused at once.
create table feed_sender_key (
	id bigint generated always as identity primary key,
	key_id text not null unique check (key_id ~ '^[A-Za-z0-9._-]{1,100}$'),
	secret text not null check (length(secret) between 16 and 200),
	label text not null default '',
	created_at timestamptz not null default now(),
	revoked_at timestamptz
);

-- What was received, once per (sender, content hash). The municipality is the sender's (by SOATE
-- code, not a local territory id: the oblast and national views read it alongside local plans).
create table feed_received (
	id bigint generated always as identity primary key,
	sender_key_id bigint not null references feed_sender_key (id),
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	instance text not null,
	municipality_soate text not null check (municipality_soate ~ '^417[0-9]{11}$'),
	oblast_code text,
	kind text not null check (kind in ('plan', 'report')),
	-- the sender's plan version (its local plan id) and, for a report, its period
	plan_id bigint not null,
	period text,
	document jsonb not null,
	received_at timestamptz not null default now(),
	unique (sender_key_id, content_hash)
);

create index feed_received_municipality_idx on feed_received (municipality_soate, kind, period);
