-- Plans in both languages: an activity, a section and a plan keep a Kyrgyz wording (title, as
-- before) and a Russian one (title_ru); either may be empty, never both. An activity adopted from
-- the catalogue also keeps the measure's Russian text beside its Kyrgyz one (national_text).
-- ADD COLUMN and constraints fire no row triggers, so approved plans take the new columns empty;
-- the UPDATEs below leave their rows alone (they are frozen, their snapshots too).

alter table activity
	add column title_ru text not null default '',
	add column national_text_ru text,
	drop constraint activity_title_check,
	add constraint activity_title_check check (length(trim(title)) <= 2000),
	add constraint activity_title_ru_check check (length(trim(title_ru)) <= 2000),
	add constraint activity_wording_check check (length(trim(title)) > 0 or length(trim(title_ru)) > 0),
	add constraint activity_national_text_ru_check check (national_text_ru is null or measure_node_id is not null);

alter table plan_section
	add column title_ru text not null default '',
	drop constraint plan_section_title_check,
	add constraint plan_section_title_check check (length(trim(title)) <= 300),
	add constraint plan_section_title_ru_check check (length(trim(title_ru)) <= 300),
	add constraint plan_section_wording_check check (length(trim(title)) > 0 or length(trim(title_ru)) > 0);

alter table local_plan
	add column title_ru text not null default '',
	drop constraint local_plan_title_check,
	add constraint local_plan_title_check check (length(trim(title)) <= 300),
	add constraint local_plan_title_ru_check check (length(trim(title_ru)) <= 300),
	add constraint local_plan_wording_check check (length(trim(title)) > 0 or length(trim(title_ru)) > 0);

-- Adopted activities of plans not yet approved. Their title was entered as Kyrgyz, except where it
-- is the measure's Russian text word for word: that one is Russian, and the Kyrgyz wording becomes
-- the measure's Kyrgyz text. A title that is still the measure's Kyrgyz text gets its Russian one.
update activity a
set national_text_ru = nullif(trim(n.title_ru), ''),
	title_ru = case
		when trim(a.title) = trim(n.title_ru) and trim(a.title) <> trim(n.title_ky) then trim(a.title)
		when trim(a.title) = trim(n.title_ky) then coalesce(trim(n.title_ru), '')
		else ''
	end,
	title = case
		when trim(a.title) = trim(n.title_ru) and trim(a.title) <> trim(n.title_ky) then trim(n.title_ky)
		else a.title
	end
from plan_node n, local_plan p
where n.id = a.measure_node_id
	and p.id = a.local_plan_id
	and p.state <> 'approved';
