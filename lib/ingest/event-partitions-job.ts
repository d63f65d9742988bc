import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import { ensureEventPartitions } from "@/lib/db/queries/event-partitions";
import { type ExpiredEvents, expireEvents } from "@/lib/db/queries/expire-events";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { defaultRetry, type JobKind } from "@/lib/jobs/job-kind";

export type EventPartitionSettings = {
  /** Events older than this many days are deleted (SIFT_RETENTION_DAYS); null: kept forever. */
  retentionDays: number | null;
};

export const EVENT_PARTITIONS_JOB = "event_partitions";
export const EVENT_PARTITIONS_SUBJECT = "events";
// Hourly: the retention's cutoff moves an hour at a time, so each run deletes about an hour of the
// month it falls in (a short lock), and a month's partition exists long before its first event.
const INTERVAL_MS = 3_600_000;
const MONTHS_AHEAD = 2;
const DAY_MS = 86_400_000;

export type EventPartitionsResult = { created: string[]; expired: ExpiredEvents | null };

/**
 * Keeps the events table's months ahead of time and, with a retention, drops what is past it and
 * corrects the rollups (expireEvents). The next run is queued first, so a failed run is retried by
 * the next one at the latest.
 */
export async function runEventPartitionsJob(
  db: Database,
  settings: EventPartitionSettings,
  now: Date,
): Promise<EventPartitionsResult> {
  await enqueueJob(db, EVENT_PARTITIONS_JOB, EVENT_PARTITIONS_SUBJECT, {
    runAfter: new Date(now.getTime() + INTERVAL_MS),
  });
  const cutoff = settings.retentionDays ? new Date(now.getTime() - settings.retentionDays * DAY_MS) : null;
  const created = await ensureEventPartitions(db, { now, monthsAhead: MONTHS_AHEAD, oldest: cutoff });
  const expired = cutoff ? await expireEvents(db, cutoff) : null;
  return { created, expired };
}

/** The periodic partition and retention job, queued once by every worker that starts. */
export function eventPartitionsJob(settings: EventPartitionSettings): JobKind {
  return {
    name: EVENT_PARTITIONS_JOB,
    subject: z.literal(EVENT_PARTITIONS_SUBJECT),
    retry: defaultRetry,
    async onWorkerStart(db) {
      await enqueueJob(db, EVENT_PARTITIONS_JOB, EVENT_PARTITIONS_SUBJECT);
    },
    async run({ db }) {
      const { expired } = await runEventPartitionsJob(db, settings, new Date());
      if (expired && expired.events > 0) {
        console.info(
          `[sift worker] retention: ${expired.events} events of ${expired.issues} issues deleted` +
            (expired.droppedPartitions.length > 0
              ? ` (${expired.droppedPartitions.join(", ")} dropped)`
              : ""),
        );
      }
    },
  };
}
