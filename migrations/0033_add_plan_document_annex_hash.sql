-- The plan PDF carries the hearing record as an annex: a document is kept per content hash and per
-- hash of its annexes, so a new or changed record renders a new document ('' when there is none).
alter table plan_document add column annex_hash text not null default '';
alter table plan_document drop constraint plan_document_local_plan_id_lang_content_hash_key;
alter table plan_document add constraint plan_document_unique_key unique (local_plan_id, lang, content_hash, annex_hash);
