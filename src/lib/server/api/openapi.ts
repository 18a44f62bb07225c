/**
 * The OpenAPI 3.1 description of the public read API. Other systems (the ministry's, donors') read
 * the catalogue through it: add fields, never rename or remove them within v1.
 */
const texts = {
	type: 'object',
	required: ['ky'],
	properties: { ky: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } }
};
const counts = {
	type: 'object',
	required: ['chapters', 'goals', 'tasks', 'measures'],
	properties: {
		chapters: { type: 'integer' },
		goals: { type: 'integer' },
		tasks: { type: 'integer' },
		measures: { type: 'integer' }
	}
};
const wordings = {
	title: {
		type: 'string',
		description: 'The Kyrgyz wording; empty when only the Russian one exists'
	},
	titleRu: {
		type: 'string',
		description:
			'The Russian wording; empty when only the Kyrgyz one exists (always empty in versions approved before Russian wordings existed)'
	}
};
const localSection = {
	type: 'object',
	required: ['title', 'titleRu', 'activities'],
	properties: {
		...wordings,
		activities: {
			type: 'array',
			items: {
				type: 'object',
				required: ['title', 'titleRu'],
				description:
					'An activity: its Kyrgyz and Russian wordings (at least one non-empty), responsible, timeline, national source, indicators and budget lines',
				properties: { ...wordings }
			}
		}
	}
};
/** A submitted report in the lists: its period (DHIS2-style code: 2025, 2026S1, 2026Q3) and its seal. */
const reportItem = {
	type: 'object',
	properties: {
		id: { type: 'integer' },
		period: { type: 'string', example: '2026S1' },
		version: {
			type: 'integer',
			minimum: 1,
			description:
				'1, or the correction of the period’s report it is; a list shows the latest submitted'
		},
		periodStart: { type: 'string', format: 'date' },
		periodEnd: { type: 'string', format: 'date' },
		dueDate: { type: 'string', format: 'date' },
		state: { type: 'string', enum: ['submitted'] },
		submittedAt: { type: 'string', format: 'date-time' },
		contentHash: { type: 'string', description: 'SHA-256 of the report as submitted' },
		previousVersions: {
			type: 'array',
			description:
				'In the list: the earlier submitted versions this one corrected, oldest first, each still readable by its id',
			items: {
				type: 'object',
				properties: {
					id: { type: 'integer' },
					version: { type: 'integer' },
					submittedAt: { type: 'string', format: 'date-time' },
					contentHash: { type: 'string' }
				}
			}
		},
		href: { type: 'string' },
		documents: {
			type: 'object',
			description:
				'The report document (the matrix, the summary and the signature blocks) per language: PDF and XLSX downloads',
			properties: Object.fromEntries(
				['ky', 'ru'].map((lang) => [
					lang,
					{
						type: 'object',
						properties: {
							pdf: { type: 'string', example: `/public/plans/12/reports/2025/pdf/${lang}` },
							xlsx: { type: 'string', example: `/public/plans/12/reports/2025/xlsx/${lang}` }
						},
						required: ['pdf', 'xlsx']
					}
				])
			),
			required: ['ky', 'ru']
		}
	}
};

const problem = {
	description: 'Problem',
	content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
};

const bulkParameters = [
	{
		name: 'oblast',
		in: 'query',
		required: false,
		description: 'KG statistical code of the oblast (KG05); none for the whole country',
		schema: { type: 'string', pattern: '^KG[0-9]{2}$' }
	},
	{
		name: 'period',
		in: 'query',
		required: false,
		description:
			'DHIS2 period code: a year (targets and every report of the year), 2026S1 or 2026Q3; none for all',
		schema: { type: 'string', pattern: '^[0-9]{4}(S[12]|Q[1-4])?$' }
	}
];

export const openApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Aiyl Plan public API',
		version: '1.0.0',
		description:
			'Read access to the national plans catalogue (gender equality and UNSCR 1325 national action plans of the Kyrgyz Republic) and to approved local plans and their submitted reports, without authentication; and the feed upward, which another instance posts to with a sender key this instance created. Responses are JSON; texts carry Kyrgyz (ky), and Russian (ru) and English (en) where available.'
	},
	servers: [{ url: '/api/v1' }],
	paths: {
		'/plans': {
			get: {
				operationId: 'listPlans',
				summary: 'Every plan in its current version, with counts per level',
				responses: {
					'200': {
						description: 'Plans',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['apiVersion', 'plans'],
									properties: {
										apiVersion: { const: 'v1' },
										plans: { type: 'array', items: { $ref: '#/components/schemas/PlanSummary' } }
									}
								}
							}
						}
					}
				}
			}
		},
		'/plans/{id}': {
			get: {
				operationId: 'getPlan',
				summary: 'The whole tree of a plan with every measure field',
				parameters: [
					{
						name: 'id',
						in: 'path',
						required: true,
						description: 'Numeric plan id or the plan key (e.g. nap-gender-2018-2020)',
						schema: { type: 'string' }
					},
					{
						name: 'version',
						in: 'query',
						required: false,
						description: 'A version number; the current version when absent',
						schema: { type: 'integer', minimum: 1 }
					}
				],
				responses: {
					'200': {
						description: 'Plan tree',
						content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanTree' } } }
					},
					'400': problem,
					'404': problem
				}
			}
		},
		'/measures': {
			get: {
				operationId: 'searchMeasures',
				summary: 'Search measures of the current plan versions, best matches first',
				description:
					'Words match in Kyrgyz and Russian texts, indicators, expected results and body names; prefixes match (кризис finds кризистик); Kyrgyz letters may be typed with their Russian look-alikes (онугуу finds өнүгүү). A printed number (1.1.3) finds that measure and those under it.',
				parameters: [
					{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
					{ name: 'plan', in: 'query', description: 'Plan id', schema: { type: 'integer' } },
					{
						name: 'pillar',
						in: 'query',
						schema: {
							type: 'string',
							enum: ['prevention', 'participation', 'protection', 'relief_recovery']
						}
					},
					{
						name: 'tag',
						in: 'query',
						description: 'A tag such as theme:migration or sdg:5.5',
						schema: { type: 'string' }
					},
					{
						name: 'body',
						in: 'query',
						description: 'A responsible body code such as MLSD',
						schema: { type: 'string' }
					},
					{
						name: 'lsg',
						in: 'query',
						description: 'Only measures in which local self-government takes part',
						schema: { type: 'boolean' }
					},
					{
						name: 'localBudget',
						in: 'query',
						description: 'Only measures with the local budget among their funding sources',
						schema: { type: 'boolean' }
					},
					{
						name: 'limit',
						in: 'query',
						schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 }
					},
					{ name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } }
				],
				responses: {
					'200': {
						description: 'Matching measures',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['apiVersion', 'total', 'measures'],
									properties: {
										apiVersion: { const: 'v1' },
										total: { type: 'integer' },
										measures: { type: 'array', items: { $ref: '#/components/schemas/MeasureHit' } }
									}
								}
							}
						}
					},
					'400': problem
				}
			}
		},
		'/public/local-plans': {
			get: {
				operationId: 'listApprovedLocalPlans',
				summary: 'Local plans approved by their kenesh (never drafts)',
				responses: {
					'200': {
						description: 'Approved plans',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									properties: {
										apiVersion: { const: 'v1' },
										localPlans: {
											type: 'array',
											items: { $ref: '#/components/schemas/LocalPlanSummary' }
										}
									}
								}
							}
						}
					}
				}
			}
		},
		'/public/local-plans/{id}': {
			get: {
				operationId: 'getApprovedLocalPlan',
				summary:
					'The approved version of a local plan: sections, activities with their national source, indicators, budget lines and the summary',
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
				responses: {
					'200': {
						description: 'The approved version',
						content: {
							'application/json': {
								schema: {
									allOf: [
										{ $ref: '#/components/schemas/LocalPlanSummary' },
										{
											type: 'object',
											properties: {
												envelopes: {
													type: 'array',
													items: {
														type: 'object',
														properties: { year: { type: 'integer' }, amount: { type: 'string' } }
													}
												},
												sections: { type: 'array', items: localSection },
												summary: {
													type: 'object',
													description:
														'Per year and total: amounts by source, gender-targeted amount and share, unfunded amount, by national plan and WPS pillar'
												}
											}
										}
									]
								}
							}
						}
					},
					'404': problem
				}
			}
		},
		'/public/local-plans/{id}/reports': {
			get: {
				operationId: 'listSubmittedReports',
				summary:
					'The submitted implementation reports of an approved local plan: period, state, submission time, content hash, link',
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
				responses: {
					'200': {
						description: 'Submitted reports, oldest period first (drafts never appear)',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									properties: {
										localPlanId: { type: 'integer' },
										reports: { type: 'array', items: reportItem }
									}
								}
							}
						}
					},
					'404': problem
				}
			}
		},
		'/public/local-plans/{id}/reports/{reportId}': {
			get: {
				operationId: 'getSubmittedReport',
				summary:
					"One submitted report as it was submitted: each activity's status, indicator actuals with their breakdown by sex, spending per budget line against the planned amount and source, unplanned spending, the summary by source and beneficiaries reached",
				parameters: [
					{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
					{ name: 'reportId', in: 'path', required: true, schema: { type: 'integer' } }
				],
				responses: {
					'200': {
						description: 'The report (a draft report is not found)',
						content: {
							'application/json': {
								schema: {
									allOf: [
										reportItem,
										{
											type: 'object',
											properties: {
												year: { type: 'integer' },
												sections: { type: 'array', items: { type: 'object' } },
												extras: { type: 'array', items: { type: 'object' } },
												summary: {
													type: 'object',
													description:
														'Per funding source and in total: planned, spent, execution rate, gender-targeted spending, unspent (amounts as exact decimal strings)'
												},
												beneficiaries: { type: 'object' },
												evidence: {
													type: 'array',
													description:
														'The evidence files the municipality marked public (photos of events; never attendance lists with personal data)',
													items: {
														type: 'object',
														required: [
															'id',
															'activityId',
															'fileName',
															'contentType',
															'size',
															'sha256',
															'url'
														],
														properties: {
															id: { type: 'integer' },
															activityId: { type: 'integer' },
															fileName: { type: 'string' },
															contentType: {
																type: 'string',
																description:
																	"The type read from the file's content: PDF, JPEG, PNG, DOCX or XLSX"
															},
															size: { type: 'integer', description: 'bytes' },
															sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
															url: { type: 'string' }
														}
													}
												}
											}
										}
									]
								}
							}
						}
					},
					'404': problem
				}
			}
		},
		'/public/local-plans/{id}/adx.xml': {
			get: {
				operationId: 'getPlanAdx',
				summary:
					'For statisticians: the targets of an approved plan and the actuals and spending of its submitted reports as IHE QRPH ADX (namespace urn:ihe:qrph:adx:2015), one group per org unit (СОАТЕ code), period (ISO 8601 start/duration, 2025-01-01/P1Y) and data set (AP_TARGETS, AP_ACTUALS); disaggregation as SEX, AGE or DISABILITY attributes. Codes: /exports/metadata.json',
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
				responses: {
					'200': {
						description: 'ADX document (a plan not approved is not found)',
						content: { 'application/adx+xml': { schema: { type: 'string' } } }
					},
					'404': problem
				}
			}
		},
		'/public/local-plans/{id}/dataValueSets.json': {
			get: {
				operationId: 'getPlanDataValueSets',
				summary:
					'The same figures as the ADX, as a DHIS2 dataValueSets document with the CODE id scheme (period codes 2025, 2026S1, 2026Q3; categoryOptionCombo SEX_F, AGE_Y18T29, DISABILITY_PD or default; a split figure has its own data element, code + _SEX, _AGE or _DISABILITY)',
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
				responses: {
					'200': {
						description: 'dataValueSets (a plan not approved is not found)',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/DataValueSets' } }
						}
					},
					'404': problem
				}
			}
		},
		'/exports/metadata.json': {
			get: {
				operationId: 'getExportMetadata',
				summary:
					'The DHIS2 metadata the exports use: data sets, data elements, categories, category options, combos and option combos, organisation units (oblasts, municipalities and towns with their СОАТЕ codes and the oblast as parent)',
				responses: {
					'200': {
						description: 'Metadata',
						content: { 'application/json': { schema: { type: 'object' } } }
					}
				}
			}
		},
		'/exports/adx.xml': {
			get: {
				operationId: 'getBulkAdx',
				summary:
					'ADX of every approved plan of an oblast or of the country, for a period. Signed in (session cookie): the national monitor (any oblast or the country) or the oblast representative (own oblast only); others get 403',
				parameters: bulkParameters,
				responses: {
					'200': {
						description: 'ADX document',
						content: { 'application/adx+xml': { schema: { type: 'string' } } }
					},
					'400': {
						description: 'Unknown oblast code or a period that is not 2025, 2026S1 or 2026Q3'
					},
					'403': { description: 'Not the national monitor nor this oblast’s representative' }
				}
			}
		},
		'/exports/dataValueSets.json': {
			get: {
				operationId: 'getBulkDataValueSets',
				summary: 'The same as /exports/adx.xml as DHIS2 dataValueSets (CODE id scheme)',
				parameters: bulkParameters,
				responses: {
					'200': {
						description: 'dataValueSets',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/DataValueSets' } }
						}
					},
					'400': {
						description: 'Unknown oblast code or a period that is not 2025, 2026S1 or 2026Q3'
					},
					'403': { description: 'Not the national monitor nor this oblast’s representative' }
				}
			}
		},
		'/public/sdg/5-5-1b.csv': {
			get: {
				operationId: 'getSdg551b',
				summary:
					'SDG 5.5.1b (proportion of seats held by women in local governments), series SG_GEN_LOCGELS, as SDMX-CSV: the country (KG), each oblast (KG02…KG08, KG11, KG21) and each municipality (СОАТЕ code), from the active kenesh rosters; OBS_VALUE in percent with one decimal',
				responses: {
					'200': {
						description: 'SDMX-CSV',
						content: { 'text/csv': { schema: { type: 'string' } } }
					}
				}
			}
		},
		'/public/local-plans/{id}/reports/{reportId}/evidence/{evidenceId}': {
			get: {
				operationId: 'getPublicEvidenceFile',
				summary:
					'An evidence file marked public, of a submitted report of an approved plan, as a download (Content-Disposition: attachment); any other file is not found',
				parameters: [
					{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
					{ name: 'reportId', in: 'path', required: true, schema: { type: 'integer' } },
					{ name: 'evidenceId', in: 'path', required: true, schema: { type: 'integer' } }
				],
				responses: {
					'200': {
						description: 'The file, its type read from its content',
						content: {
							'application/pdf': { schema: { type: 'string', format: 'binary' } },
							'image/jpeg': { schema: { type: 'string', format: 'binary' } },
							'image/png': { schema: { type: 'string', format: 'binary' } }
						}
					},
					'404': problem
				}
			}
		},
		'/public/representation': {
			get: {
				operationId: 'getPublicRepresentation',
				summary:
					'The 30% rule across local bodies (keneshes counted from their rosters, their commissions, aiyl okmotu staff, municipal enterprises, school boards, public councils): for the country and each oblast (KG code), the number of bodies, how many meet the rule (each sex at least 30% and at most 70% of the members; head and deputy head of different sexes where both are known) and the women’s share of their members, in all and by kind. Counts only, never names',
				responses: {
					'200': {
						description: 'Counts per oblast and for the country',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['apiVersion', 'national', 'oblasts'],
									properties: {
										apiVersion: { type: 'string', const: 'v1' },
										rule: { type: 'object' },
										national: { $ref: '#/components/schemas/RepresentationFigures' },
										oblasts: {
											type: 'array',
											items: {
												allOf: [
													{ $ref: '#/components/schemas/RepresentationFigures' },
													{
														type: 'object',
														properties: { code: { type: ['string', 'null'], example: 'KG05' } }
													}
												]
											}
										}
									}
								}
							}
						}
					}
				}
			}
		},
		'/feed': {
			post: {
				operationId: 'receiveFeed',
				summary:
					'Receives one aiyl-plan/feed@1 document (an approved plan or a submitted report) from another instance; the same document (sender and content hash) is stored once, a second delivery is ignored',
				security: [{ feedSignature: [] }],
				parameters: [
					{
						name: 'dryRun',
						in: 'query',
						required: false,
						description:
							'true: check the signature and the document, answer the summary, store nothing',
						schema: { type: 'string', enum: ['true', 'false'] }
					},
					{
						name: 'Idempotency-Key',
						in: 'header',
						required: false,
						description:
							"The document's content hash (SHA-256, hex), as this app's senders send it; informative: the receiver computes the hash itself",
						schema: { type: 'string', pattern: '^[0-9a-f]{64}$' }
					}
				],
				requestBody: {
					required: true,
					description:
						'The document, at most 5 MB; the signature covers these exact bytes (see /schemas/feed-v1.json)',
					content: { 'application/json': { schema: { $ref: '/api/v1/schemas/feed-v1.json' } } }
				},
				responses: {
					'200': {
						description: 'Stored (imported: 1), or already stored (ignored: 1)',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/ImportSummary' } }
						}
					},
					'400': {
						description: 'Not JSON, or not a valid feed document (the conflicts say where)',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/ImportSummary' } }
						}
					},
					'401': {
						description:
							'Missing, unknown or revoked key, bad signature or a timestamp more than five minutes off (one answer for all)',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/ImportSummary' } }
						}
					},
					'413': {
						description: 'The body is over 5 MB',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/ImportSummary' } }
						}
					}
				}
			}
		},
		'/schemas/feed-v1.json': {
			get: {
				operationId: 'getFeedSchema',
				summary: 'The JSON Schema (draft-07) every aiyl-plan/feed@1 document validates against',
				responses: {
					'200': {
						description: 'The schema',
						content: { 'application/schema+json': { schema: { type: 'object' } } }
					}
				}
			}
		},
		'/public/oblasts': {
			get: {
				operationId: 'getPublicOblastFigures',
				summary:
					'The country’s and each oblast’s figures (and the cities of republican significance): approved plans, budget, gender-targeted amount and share, funding gap, submitted reports, women’s share of local kenesh seats (SDG 5.5.1b)',
				description:
					'Over approved plans (each municipality’s current one of each kind) and their last submitted reports only, from this instance’s own decisions and the feeds it received; drafts never count. Money in som as decimal strings, exact to the tyiyn; shares in percent with one decimal, rounded half up. Revalidate with If-None-Match.',
				responses: {
					'200': {
						description: 'The figures',
						headers: {
							ETag: { schema: { type: 'string' } },
							'Cache-Control': { schema: { type: 'string', example: 'public, max-age=300' } }
						},
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['apiVersion', 'country', 'oblasts'],
									properties: {
										apiVersion: { const: 'v1' },
										country: {
											allOf: [
												{ $ref: '#/components/schemas/PublicFigures' },
												{ type: 'object', properties: { code: { const: 'KG' } } }
											]
										},
										oblasts: { type: 'array', items: { $ref: '#/components/schemas/PublicOblast' } }
									}
								}
							}
						}
					},
					'304': { description: 'Not modified (the ETag matched)' }
				}
			}
		},
		'/public/coverage': {
			get: {
				operationId: 'getPublicCoverage',
				summary:
					'The coverage of a national plan: per measure of its current catalogue version, the municipalities whose approved plans adopted it (СОАТЕ codes), the amount they budgeted and how many report progress on it',
				description:
					'A measure adopted from an earlier version of the plan counts by its stable id. Measures nobody adopted are listed with adopted 0. A municipality reports progress when its last submitted report shows a status past "not started", money spent or an indicator actual on an activity of the measure.',
				parameters: [
					{
						name: 'plan',
						in: 'query',
						required: true,
						description: 'The national plan key (see /plans), e.g. nap-gender-2018-2020',
						schema: { type: 'string', maxLength: 100 }
					}
				],
				responses: {
					'200': {
						description: 'The measures in the plan’s order',
						headers: {
							ETag: { schema: { type: 'string' } },
							'Cache-Control': { schema: { type: 'string', example: 'public, max-age=300' } }
						},
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['apiVersion', 'plan', 'measures'],
									properties: {
										apiVersion: { const: 'v1' },
										plan: {
											type: 'object',
											required: ['key', 'version', 'title', 'status', 'periodStart', 'periodEnd'],
											properties: {
												key: { type: 'string' },
												version: { type: 'integer', description: 'The current catalogue version' },
												title: { $ref: '#/components/schemas/Texts' },
												status: { type: 'string', enum: ['draft', 'adopted', 'superseded'] },
												periodStart: { type: 'integer' },
												periodEnd: { type: 'integer' }
											}
										},
										measures: {
											type: 'array',
											items: { $ref: '#/components/schemas/CoverageMeasure' }
										}
									}
								}
							}
						}
					},
					'304': { description: 'Not modified (the ETag matched)' },
					'400': problem
				}
			}
		}
	},
	components: {
		securitySchemes: {
			feedSignature: {
				type: 'apiKey',
				in: 'header',
				name: 'X-Aiyl-Signature',
				description:
					'`keyId=<key id>,t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the shared secret>`; the key id and secret are created by an admin of the receiving instance'
			}
		},
		schemas: {
			ImportSummary: {
				type: 'object',
				description: "An import summary in DHIS2's manner",
				required: ['status', 'imported', 'updated', 'ignored', 'conflicts'],
				properties: {
					status: { type: 'string', enum: ['OK', 'ERROR'] },
					imported: { type: 'integer' },
					updated: { type: 'integer' },
					ignored: { type: 'integer' },
					conflicts: {
						type: 'array',
						items: {
							type: 'object',
							properties: { object: { type: 'string' }, value: { type: 'string' } }
						}
					},
					reference: { type: 'string', description: 'The content hash of the document' }
				}
			},
			DataValueSets: {
				type: 'object',
				required: ['dataValues'],
				properties: {
					idScheme: { const: 'CODE' },
					dataElementIdScheme: { const: 'CODE' },
					orgUnitIdScheme: { const: 'CODE' },
					dataValues: {
						type: 'array',
						items: {
							type: 'object',
							required: [
								'dataElement',
								'period',
								'orgUnit',
								'categoryOptionCombo',
								'attributeOptionCombo',
								'value'
							],
							properties: {
								dataSet: { type: 'string' },
								dataElement: { type: 'string' },
								period: { type: 'string', pattern: '^[0-9]{4}(S[12]|Q[1-4])?$' },
								orgUnit: { type: 'string', pattern: '^417[0-9]{11}$' },
								categoryOptionCombo: { type: 'string' },
								attributeOptionCombo: { type: 'string' },
								value: { type: 'string' }
							}
						}
					}
				}
			},
			LocalPlanSummary: {
				type: 'object',
				required: [
					'id',
					'municipality',
					'oblast',
					'title',
					'titleRu',
					'periodStart',
					'periodEnd',
					'decision',
					'contentHash'
				],
				properties: {
					id: { type: 'integer' },
					municipality: {
						type: 'object',
						properties: {
							name: { $ref: '#/components/schemas/Texts' },
							soateCode: { type: 'string', description: 'СОАТЕ, 14 digits' }
						}
					},
					oblast: {
						type: 'object',
						properties: {
							name: { $ref: '#/components/schemas/Texts' },
							statCode: {
								type: ['string', 'null'],
								description: 'Statistical committee code, e.g. KG05'
							}
						}
					},
					...wordings,
					kind: { type: 'string', enum: ['development_programme', 'gender_plan', 'wps_plan'] },
					periodStart: { type: 'integer' },
					periodEnd: { type: 'integer' },
					decision: {
						type: 'object',
						properties: { number: { type: 'string' }, date: { type: 'string', format: 'date' } }
					},
					contentHash: { type: 'string', description: 'SHA-256 of the approved version' },
					supersedes: {
						type: ['integer', 'null'],
						description: 'the earlier approved version this one revised'
					},
					supersededBy: {
						type: ['integer', 'null'],
						description:
							'the approved revision that replaced this version (null for the current one)'
					}
				}
			},
			Texts: texts,
			Counts: counts,
			RepresentationCounts: {
				type: 'object',
				required: ['bodies', 'bodiesMeetingRule', 'women', 'men', 'womenShare'],
				properties: {
					bodies: { type: 'integer' },
					bodiesMeetingRule: { type: 'integer' },
					women: { type: 'integer', description: 'women members of these bodies' },
					men: { type: 'integer', description: 'men members of these bodies' },
					womenShare: {
						type: ['string', 'null'],
						description:
							'women’s share of the members in percent, one decimal ("41.7"); null with no members',
						example: '41.7'
					}
				}
			},
			RepresentationFigures: {
				allOf: [
					{ $ref: '#/components/schemas/RepresentationCounts' },
					{
						type: 'object',
						properties: {
							byKind: {
								type: 'object',
								description:
									'kenesh, kenesh_commission, aiyl_okmotu, municipal_enterprise, school_board, public_council',
								additionalProperties: { $ref: '#/components/schemas/RepresentationCounts' }
							}
						}
					}
				]
			},
			Problem: {
				type: 'object',
				required: ['status', 'title'],
				properties: { status: { type: 'integer' }, title: { type: 'string' } }
			},
			PlanSummary: {
				type: 'object',
				required: [
					'id',
					'key',
					'kind',
					'version',
					'title',
					'periodStart',
					'periodEnd',
					'status',
					'counts'
				],
				properties: {
					id: { type: 'integer' },
					key: { type: 'string', description: 'Stable key of the plan across versions' },
					kind: { type: 'string', enum: ['gender_nap', 'nap_1325', 'other'] },
					version: { type: 'integer' },
					title: { $ref: '#/components/schemas/Texts' },
					periodStart: { type: 'integer' },
					periodEnd: { type: 'integer' },
					status: { type: 'string', enum: ['draft', 'adopted', 'superseded'] },
					complete: {
						type: 'boolean',
						description: 'false when the source gives only part of the plan'
					},
					act: {
						type: 'object',
						properties: {
							type: { type: ['string', 'null'] },
							number: { type: ['string', 'null'] },
							date: { type: ['string', 'null'], format: 'date' },
							url: { type: ['string', 'null'] }
						}
					},
					counts: { $ref: '#/components/schemas/Counts' }
				}
			},
			Deadline: {
				type: 'object',
				required: ['raw', 'kind'],
				properties: {
					raw: { type: 'string' },
					kind: {
						type: 'string',
						enum: [
							'range',
							'year',
							'half_year',
							'quarter',
							'during_year',
							'recurring',
							'checkpoints',
							'unknown'
						]
					},
					from: { type: ['integer', 'null'] },
					to: { type: ['integer', 'null'] },
					half: { type: ['integer', 'null'] },
					quarter: { type: ['integer', 'null'] },
					every: { type: ['string', 'null'], enum: ['year', 'half_year', 'quarter', null] },
					checkpoints: { type: 'array', items: { type: 'string' } }
				}
			},
			Measure: {
				type: 'object',
				required: ['id', 'nodeId', 'number', 'text', 'deadline', 'level'],
				properties: {
					id: { type: 'string', description: 'Stable id, independent of the printed number' },
					nodeId: { type: 'integer', description: 'Id of this measure in this plan version' },
					number: { type: 'string' },
					text: {
						type: 'object',
						properties: {
							ky: { type: 'string' },
							ru: { type: 'string' },
							ruUnofficial: { type: 'boolean' },
							kyUnofficial: { type: 'boolean' }
						}
					},
					baseline: { $ref: '#/components/schemas/Texts' },
					indicators: { type: 'array', items: { $ref: '#/components/schemas/Texts' } },
					deadline: { $ref: '#/components/schemas/Deadline' },
					expectedResult: { $ref: '#/components/schemas/Texts' },
					bodies: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								code: { type: 'string' },
								role: { type: 'string', enum: ['lead', 'co', 'by_agreement'] }
							}
						}
					},
					bodiesRaw: { type: 'string' },
					funding: { type: 'array', items: { type: 'string' } },
					fundingRaw: { type: 'string' },
					level: { type: 'string', enum: ['national', 'local'] },
					tags: { type: 'array', items: { type: 'string' } },
					uncertain: { type: 'boolean' },
					uncertainNote: { type: ['string', 'null'] },
					duplicateOf: { type: ['string', 'null'] },
					duplicateNote: { type: ['string', 'null'] },
					source: {
						type: 'object',
						properties: { file: { type: ['string', 'null'] }, line: { type: ['integer', 'null'] } }
					}
				}
			},
			PlanTree: {
				type: 'object',
				required: ['apiVersion', 'id', 'version', 'plan', 'chapters'],
				properties: {
					apiVersion: { const: 'v1' },
					id: { type: 'integer' },
					version: { type: 'integer' },
					counts: { $ref: '#/components/schemas/Counts' },
					plan: { type: 'object' },
					bodies: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								code: { type: 'string' },
								abbr: { type: ['string', 'null'] },
								variants: { type: 'array', items: { type: 'string' } },
								name: { $ref: '#/components/schemas/Texts' },
								kind: { type: 'string' },
								level: { type: 'string' }
							}
						}
					},
					fundingSources: {
						type: 'array',
						items: {
							type: 'object',
							properties: { code: { type: 'string' }, name: { $ref: '#/components/schemas/Texts' } }
						}
					},
					chapters: {
						type: 'array',
						items: {
							type: 'object',
							properties: {
								id: { type: 'string' },
								nodeId: { type: 'integer' },
								number: { type: 'string' },
								title: { $ref: '#/components/schemas/Texts' },
								goals: {
									type: 'array',
									items: {
										type: 'object',
										properties: {
											id: { type: 'string' },
											nodeId: { type: 'integer' },
											number: { type: 'string' },
											title: { $ref: '#/components/schemas/Texts' },
											tasks: {
												type: 'array',
												items: {
													type: 'object',
													properties: {
														id: { type: 'string' },
														nodeId: { type: 'integer' },
														number: { type: 'string' },
														title: { $ref: '#/components/schemas/Texts' },
														measures: {
															type: 'array',
															items: { $ref: '#/components/schemas/Measure' }
														}
													}
												}
											}
										}
									}
								}
							}
						}
					}
				}
			},
			MeasureHit: {
				type: 'object',
				required: ['nodeId', 'id', 'number', 'text', 'plan'],
				properties: {
					nodeId: { type: 'integer' },
					id: { type: 'string' },
					number: { type: 'string' },
					text: { $ref: '#/components/schemas/Texts' },
					plan: {
						type: 'object',
						properties: {
							id: { type: 'integer' },
							key: { type: 'string' },
							title: { $ref: '#/components/schemas/Texts' },
							status: { type: 'string' }
						}
					},
					goal: {
						type: 'object',
						properties: {
							number: { type: 'string' },
							title: { $ref: '#/components/schemas/Texts' }
						}
					},
					level: { type: 'string' },
					tags: { type: 'array', items: { type: 'string' } },
					deadline: { type: 'string' },
					bodies: { type: 'array', items: { type: 'string' } },
					rank: { type: 'number' }
				}
			},
			PublicFigures: {
				type: 'object',
				required: [
					'plans',
					'municipalities',
					'budget',
					'gender',
					'genderShare',
					'gap',
					'reports',
					'seats',
					'womenSeats',
					'seatShare'
				],
				properties: {
					plans: {
						type: 'integer',
						description: 'Approved plans: each municipality’s current one of each kind'
					},
					municipalities: { type: 'integer', description: 'Municipalities with an approved plan' },
					budget: { type: 'string', description: 'Som, e.g. 1250000.00' },
					gender: {
						type: 'string',
						description: 'The gender-targeted amount (OECD DAC marker share)'
					},
					genderShare: {
						type: ['string', 'null'],
						description: 'Percent of the budget, one decimal; null without a budget'
					},
					gap: { type: 'string', description: 'The unfunded amount' },
					reports: { type: 'integer', description: 'Approved plans with a submitted report' },
					seats: { type: 'integer', description: 'Local kenesh seats on the rosters' },
					womenSeats: { type: 'integer' },
					seatShare: {
						type: ['string', 'null'],
						description:
							'Women’s share of the seats in percent, one decimal (SDG 5.5.1b); null without seats'
					}
				}
			},
			PublicOblast: {
				allOf: [
					{ $ref: '#/components/schemas/PublicFigures' },
					{
						type: 'object',
						required: ['code', 'kind', 'soateCode', 'name'],
						properties: {
							code: {
								type: ['string', 'null'],
								description: 'Statistical committee code, e.g. KG05',
								example: 'KG05'
							},
							kind: {
								type: 'string',
								enum: ['oblast', 'city'],
								description: 'An oblast or a city of republican significance (Bishkek, Osh)'
							},
							soateCode: { type: 'string', description: 'СОАТЕ, 14 digits' },
							name: { $ref: '#/components/schemas/Texts' }
						}
					}
				]
			},
			CoverageMeasure: {
				type: 'object',
				required: ['id', 'number', 'title', 'adopted', 'budget', 'reporting', 'municipalities'],
				properties: {
					id: {
						type: 'string',
						description: 'The stable id, the same in every version of the plan'
					},
					number: { type: 'string', example: '1.1.3' },
					title: { $ref: '#/components/schemas/Texts' },
					adopted: {
						type: 'integer',
						description: 'Municipalities whose approved plans adopted it'
					},
					budget: { type: 'string', description: 'Som budgeted on it, all years' },
					reporting: {
						type: 'integer',
						description: 'Of those, municipalities whose last submitted report shows progress on it'
					},
					municipalities: {
						type: 'array',
						items: {
							type: 'object',
							required: ['soateCode', 'name', 'oblastCode', 'activities', 'budget', 'reporting'],
							properties: {
								soateCode: { type: 'string', pattern: '^417[0-9]{11}$' },
								name: { $ref: '#/components/schemas/Texts' },
								oblastCode: { type: ['string', 'null'], example: 'KG05' },
								activities: { type: 'integer' },
								budget: { type: 'string' },
								reporting: { type: 'boolean' }
							}
						}
					}
				}
			}
		}
	}
} as const;
