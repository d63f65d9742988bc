import type { Database } from "../connect";
import { eventIds, events, issues, projects } from "../schema";
import type { NewEvent } from "./events";
import type { NewIssue } from "./issues";

// PostgreSQL takes at most 65,535 parameters in one statement; an event row has about twenty.
const EVENT_ROWS_PER_STATEMENT = 2_000;
const ISSUE_ROWS_PER_STATEMENT = 2_000;

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

export type NewProject = typeof projects.$inferInsert;

/**
 * Bulk loading (`npm run seed:large`, imports): rows written many to a statement, already-stored ids
 * skipped. Unlike insertEvent, nothing here keeps the rollups; call rebuildIssueRollups once the
 * load is done, as one pass over the events costs far less than a million single-row upserts.
 */
export async function insertProjectsBulk(db: Database, rows: readonly NewProject[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insert(projects)
      .values([...rows])
      .onConflictDoNothing();
}

export async function insertIssuesBulk(db: Database, rows: readonly NewIssue[]): Promise<void> {
  for (const chunk of chunks(rows, ISSUE_ROWS_PER_STATEMENT)) {
    await db.insert(issues).values(chunk).onConflictDoNothing();
  }
}

/** Each event's id is claimed in event_ids first, as insertEvent does: an id stored before is skipped. */
export async function insertEventsBulk(db: Database, rows: readonly NewEvent[]): Promise<void> {
  for (const chunk of chunks(rows, EVENT_ROWS_PER_STATEMENT)) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(eventIds)
        .values(chunk.map((e) => ({ id: e.id, occurredAt: e.occurredAt })))
        .onConflictDoNothing()
        .returning({ id: eventIds.id });
      const ids = new Set(claimed.map((c) => c.id));
      const fresh = chunk.filter((e) => ids.delete(e.id));
      if (fresh.length > 0) await tx.insert(events).values(fresh);
    });
  }
}
