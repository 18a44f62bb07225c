-- The kenesh secretary is recorded once, on the roster (deputy.is_secretary): the membership's own
-- flag, set from the admin's user form, is read by nothing since the actor takes it from the roster.
alter table membership drop column is_secretary;
