-- A plan has at most one revision in the works (draft or submitted) at a time; startRevision checks
-- it under the plan's lock, and this index keeps it true for any other path too.
create unique index local_plan_one_open_revision_idx on local_plan (revision_of) where revision_of is not null and state <> 'approved';
