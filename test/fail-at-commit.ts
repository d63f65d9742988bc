import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connect";

/**
 * Makes every transaction that touched `table` fail at COMMIT (a deferred constraint trigger), after
 * all of its statements ran: whatever that transaction wrote elsewhere must be gone too. Returns
 * the undo. The test's own tables are truncated between tests, but triggers are not.
 */
export async function failAtCommit(db: Database, table: string): Promise<() => Promise<void>> {
  await db.execute(sql`create or replace function sift_test_fail_at_commit() returns trigger
    language plpgsql as $$ begin raise exception 'test: this write fails at commit'; end $$`);
  const trigger = sql.identifier(`sift_test_fail_${table}`);
  const target = sql.identifier(table);
  await db.execute(sql`create constraint trigger ${trigger} after insert or update or delete on ${target}
    deferrable initially deferred for each row execute function sift_test_fail_at_commit()`);
  return async () => {
    await db.execute(sql`drop trigger if exists ${trigger} on ${target}`);
  };
}
