/**
 * Seeds the sender database of tests/e2e/feed.spec.ts (run with tsx, which loads the JSON the
 * seed reads): migrated, the demo, and three approved plans of synthetic municipalities.
 */
import { connect } from '../../src/lib/server/db';
import { migrate } from '../../src/lib/server/db/migrate';
import { startBoss } from '../../src/lib/server/jobs';
import { seedDemo } from '../../src/lib/server/demo';
import { seedNational } from '../../src/lib/server/demo/national';

const url = process.argv[2];
await migrate(url!, { quiet: true });
const sql = connect(url!, { max: 2 });
const boss = await startBoss({ databaseUrl: url!, sql, work: false });
await seedDemo(sql, { boss });
await seedNational(sql, { municipalities: 3, activitiesPerPlan: 2, yearsPerPlan: 1 });
await boss.stop({ graceful: false });
await sql.end();
