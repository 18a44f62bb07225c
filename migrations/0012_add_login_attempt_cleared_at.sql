-- An admin's unlock clears an account's failed attempts: they stop counting against the account
-- but still count against the address they came from.
alter table login_attempt add column cleared_at timestamptz;
