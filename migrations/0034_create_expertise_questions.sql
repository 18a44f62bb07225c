-- Issue [13].3: the questions of the gender-expertise checklist for draft local acts, kept as data
-- so the ministry revises them without code. A revision is a new set with the next version number;
-- sets are never changed or deleted, so a checklist filled against an older set still shows it.
-- The current set is the one with the highest version.
create table expertise_question_set (
	id bigint generated always as identity primary key,
	version int not null unique check (version > 0),
	created_by bigint references app_user (id) on delete set null,
	created_at timestamptz not null default now()
);

create table expertise_question (
	id bigint generated always as identity primary key,
	set_id bigint not null references expertise_question_set (id),
	position int not null check (position > 0),
	text_ky text not null check (length(trim(text_ky)) between 1 and 500),
	text_ru text not null check (length(trim(text_ru)) between 1 and 500),
	text_en text not null check (length(trim(text_en)) between 1 and 500),
	hint_ky text not null default '' check (length(hint_ky) <= 1000),
	hint_ru text not null default '' check (length(hint_ru) <= 1000),
	hint_en text not null default '' check (length(hint_en) <= 1000),
	unique (set_id, position)
);

-- The first version: the questions the women deputies of seed 002 ask of a draft act, in the
-- words of gender analysis (who benefits, by sex; data by sex; participation; unpaid care; safety;
-- consultation with women's groups).
insert into expertise_question_set (version) values (1);

insert into expertise_question (set_id, position, text_ky, text_ru, text_en, hint_ky, hint_ru, hint_en)
select s.id, q.position, q.text_ky, q.text_ru, q.text_en, q.hint_ky, q.hint_ru, q.hint_en
from expertise_question_set s,
	(values
		(1,
			'Актынын натыйжасынан аялдар жана эркектер (кыздар жана балдар) ким канчалык пайда көрөт?',
			'Кто получает выгоду от акта — женщины и мужчины (девочки и мальчики) — и в какой мере?',
			'Who benefits from the act — women and men (girls and boys) — and to what extent?',
			'Кызмат, төлөм же ресурс кимге жетерин жынысы боюнча баалаңыз.',
			'Оцените по полу, до кого дойдут услуги, выплаты или ресурсы.',
			'Estimate by sex who the services, payments or resources will reach.'),
		(2,
			'Долбоорду даярдоодо жынысы боюнча бөлүнгөн маалыматтар колдонулдубу?',
			'Использованы ли при подготовке проекта данные в разбивке по полу?',
			'Were data disaggregated by sex used in preparing the draft?',
			'Мисалы: калктын, жумушсуздардын, кайрылуулардын саны аялдар жана эркектер боюнча.',
			'Например: численность населения, безработных, обращений по женщинам и мужчинам.',
			'For example: population, unemployed, applications counted for women and men.'),
		(3,
			'Акт аялдардын чечим кабыл алууга жана коомдук турмушка катышуусуна кандай таасир этет?',
			'Как акт влияет на участие женщин в принятии решений и общественной жизни?',
			'How does the act affect women''s participation in decision-making and public life?',
			'Кеңештерге, комиссияларга, коомдук угууларга катышуу мүмкүнчүлүгү.',
			'Возможность участвовать в кенешах, комиссиях, общественных слушаниях.',
			'The chance to take part in keneshes, commissions, public hearings.'),
		(4,
			'Акт акы төлөнбөгөн кам көрүү эмгегине (балдарды, карыларды, оорулууларды багуу, үй жумушу) кандай таасир этет?',
			'Как акт влияет на неоплачиваемый труд по уходу (за детьми, пожилыми, больными, домашний труд)?',
			'How does the act affect unpaid care work (for children, older people, the sick, housework)?',
			'Мисалы: бала бакча, суу, жол — аялдардын убактысын үнөмдөйбү же көбөйтөбү.',
			'Например: детский сад, вода, дорога — экономит ли время женщин или добавляет нагрузку.',
			'For example: kindergarten, water, roads — does it save women''s time or add to it.'),
		(5,
			'Акт аялдардын жана кыздардын коопсуздугуна (зомбулуктан коргоого) кандай таасир этет?',
			'Как акт влияет на безопасность женщин и девочек (защиту от насилия)?',
			'How does the act affect the safety of women and girls (protection from violence)?',
			'Көчө жарыгы, коопсуз жол, үй-бүлөлүк зомбулуктан коргоо, кризистик борборлор.',
			'Уличное освещение, безопасный путь, защита от семейного насилия, кризисные центры.',
			'Street lighting, safe routes, protection from domestic violence, crisis centres.'),
		(6,
			'Долбоор аялдар уюмдары, аял депутаттар жана жамааттын аялдары менен талкууландыбы?',
			'Обсуждён ли проект с женскими организациями, женщинами-депутатами и женщинами сообщества?',
			'Was the draft discussed with women''s organisations, women deputies and women of the community?',
			'Ким менен, качан талкууланганын жана алардын сунуштарын жазыңыз.',
			'Укажите, с кем и когда обсуждали и какие были предложения.',
			'Say with whom and when it was discussed and what they proposed.')
	) as q (position, text_ky, text_ru, text_en, hint_ky, hint_ru, hint_en)
where s.version = 1;
