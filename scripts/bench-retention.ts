// `npx tsx scripts/bench-retention.ts <database-url> <days>`: times the retention (expireEvents) on a
// scratch copy of a seeded database, then checks it against a from-scratch recount
// (rebuildIssueRollups), timed as the reference: every rollup table and issue count is summarised
// (row count and an md5 over its sorted rows) after each and compared. Changes the database.
import { sql } from "drizzle-orm";
import { connect } from "@/lib/db/connect";
import { expireEvents } from "@/lib/db/queries/expire-events";
import { rebuildIssueRollups } from "@/lib/db/queries/rollups";
import { rowsOf } from "@/lib/db/rows-of";

const [url, daysArg] = process.argv.slice(2);
if (!url || !daysArg) {
  console.error("usage: bench-retention.ts <database-url> <days>");
  process.exit(2);
}
const { db, close } = await connect({ databaseUrl: url, dataDir: "" });
const tables = [
  "select id, event_count, user_count, tenant_count, first_seen from issues",
  "select * from issue_users",
  "select * from issue_tenants",
  "select * from issue_identities",
  "select * from issue_hour_identities",
  "select * from issue_hours",
  "select * from tenant_hours",
  "select * from tenant_identities",
  "select * from tenant_activity",
];
async function summary(): Promise<string[]> {
  const out: string[] = [];
  for (const query of tables) {
    const [row] = rowsOf<{ n: string; digest: string }>(
      await db.execute(
        sql.raw(
          `select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from (${query}) t`,
        ),
      ),
    );
    out.push(`${query.replace(/^select .* from /, "")}: ${row?.n} ${row?.digest}`);
  }
  return out;
}
// Rollups consistent with the events first (the seed left the analysis job's tenant activity partial).
await rebuildIssueRollups(db);
const count = async () =>
  Number(rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from events`))[0]?.n);
const before = await count();
const cutoff = new Date(Date.now() - Number(daysArg) * 86_400_000);
let start = performance.now();
const result = await expireEvents(db, cutoff);
const expireMs = performance.now() - start;
const afterExpiry = await summary();
start = performance.now();
await rebuildIssueRollups(db);
const rebuildMs = performance.now() - start;
const afterRebuild = await summary();
const same = afterExpiry.every((line, i) => line === afterRebuild[i]);
console.log(
  `${before} events, ${result.events} expired (${result.issues} issues, ${result.droppedPartitions.length} partitions dropped), ${await count()} left`,
);
console.log(
  `expireEvents ${expireMs.toFixed(0)} ms; rebuildIssueRollups (from scratch) ${rebuildMs.toFixed(0)} ms; ratio ${(expireMs / rebuildMs).toFixed(2)}`,
);
console.log(
  same
    ? "rollups after expiry = recount: identical"
    : `MISMATCH\n${afterExpiry.join("\n")}\n--\n${afterRebuild.join("\n")}`,
);
await close();
process.exit(same ? 0 : 1);
