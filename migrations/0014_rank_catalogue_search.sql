-- Catalogue search that understands Russian word forms (snowball `russian`), keeps the Kyrgyz letter
-- folding, folds Latin look-alikes ("CСМ" with a Latin C) to Cyrillic, ranks by where a word is found
-- (measure text > indicators/results > bodies/tags > task/goal/chapter titles), and finds typos
-- through a trigram index on the words the catalogue uses.
create extension if not exists pg_trgm;

-- Lower case, then ң ө ү ё һ ә as н о у е х а, then the Latin letters that look like Cyrillic ones
-- (a c e o p x y, and B H K M T once lower-cased). One character for one: a highlight found on the
-- folded text fits the original. fold.ts does the same to the query; a database test keeps the two
-- equal. A database in the C locale, whose lower() leaves Cyrillic as it is, gets the capitals
-- spelled out (slower, so only there).
do $$
begin
	if lower('ЖҢӨҮ') = 'жңөү' then
		create function catalogue_fold(t text) returns text
		language sql immutable parallel safe strict
		return translate(lower(t), 'ңөүёһәabcehkmoptxy', 'ноуехаавсенкмортху');
	else
		create function catalogue_fold(t text) returns text
		language sql immutable parallel safe strict
		return translate(
			lower(translate(t,
				'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҢӨҮҺӘ',
				'абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөүһә')),
			'ңөүёһәabcehkmoptxy',
			'ноуехаавсенкмортху');
	end if;
end;
$$;

-- A folded text as the index sees it: Russian stems (насилие, насилия → насил) and the words as
-- written (for prefix search, and for Kyrgyz, which has no stemmer here).
create function catalogue_vector(folded text) returns tsvector
language sql immutable parallel safe
return to_tsvector('russian'::regconfig, coalesce(folded, ''))
	|| to_tsvector('simple'::regconfig, coalesce(folded, ''));

alter table measure_detail drop column search;
alter table measure_detail add column search tsvector not null default ''::tsvector;
create index measure_detail_search_idx on measure_detail using gin (search);

-- The words the catalogue uses (folded), for "did you mean" matching of a mistyped query word.
create table catalogue_word (
	word text primary key
);

create index catalogue_word_trgm_idx on catalogue_word using gin (word gin_trgm_ops);

-- Fills the search columns of one catalogue version (the loader calls it after inserting a version).
create function catalogue_index_version(p_version bigint) returns void
language plpgsql as $$
begin
	with doc as (
		select d.node_id,
			catalogue_fold(concat_ws(' ', n.number, n.title_ky, n.title_ru)) as a,
			catalogue_fold(concat_ws(' ',
				d.baseline ->> 'ky', d.baseline ->> 'ru',
				d.expected_result ->> 'ky', d.expected_result ->> 'ru',
				(select string_agg(concat_ws(' ', i ->> 'ky', i ->> 'ru'), ' ')
				from jsonb_array_elements(d.indicators) i))) as b,
			catalogue_fold(concat_ws(' ',
				d.bodies_raw,
				(select string_agg(concat_ws(' ', b.code, b.abbr, array_to_string(b.variants, ' '), b.name_ky, b.name_ru), ' ')
				from measure_body mb
				join body b on b.code = mb.body_code
				where mb.node_id = d.node_id),
				(select string_agg(regexp_replace(tag, '^[a-z]+:', ''), ' ')
				from unnest(d.tags) tag))) as c,
			catalogue_fold(concat_ws(' ', t.title_ky, t.title_ru, g.title_ky, g.title_ru, ch.title_ky, ch.title_ru)) as dd
		from measure_detail d
		join plan_node n on n.id = d.node_id
		join plan_node t on t.id = n.parent_id
		join plan_node g on g.id = t.parent_id
		join plan_node ch on ch.id = g.parent_id
		where d.version_id = p_version
	)
	update measure_detail d
	set search_text = concat_ws(' ', doc.a, doc.b, doc.c, doc.dd),
		search = setweight(catalogue_vector(doc.a), 'A')
			|| setweight(catalogue_vector(doc.b), 'B')
			|| setweight(catalogue_vector(doc.c), 'C')
			|| setweight(catalogue_vector(doc.dd), 'D')
	from doc
	where d.node_id = doc.node_id;

	insert into catalogue_word (word)
	select distinct w
	from measure_detail d,
		unnest(tsvector_to_array(to_tsvector('simple'::regconfig, d.search_text))) w
	where d.version_id = p_version
		and w ~ '^[а-яa-z]{4,}$'
	on conflict do nothing;
end;
$$;

select catalogue_index_version(id) from catalogue_version;
