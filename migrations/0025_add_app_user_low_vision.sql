-- The low-vision mode (large text, high contrast) a user turned on, kept with the account so it
-- follows them to another browser; the browser's own cookie says the same for anonymous readers.
alter table app_user add column low_vision boolean not null default false;
