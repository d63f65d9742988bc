import { and, desc, eq, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { rowsOf } from "../rows-of";
import { analyses, jobs } from "../schema";
import { type AuditActor, recordAudit } from "./audit-log";

export type Job = typeof jobs.$inferSelect;

/** The analysis job's kind: ingest queues it, lib/enrichment runs it, pages show its state. */
export const ANALYSE_ISSUE_JOB = "analyse_issue";

// When a job is already queued for the subject, that one stands (its run_after unchanged), but the
// enqueuing transaction locks its row until it commits: a worker (FOR UPDATE SKIP LOCKED) cannot
// claim it meanwhile and run on data that does not yet include what queued it — the event being
// stored, the analysis being written. DO NOTHING would leave that work uncovered until the next one.
const keepQueuedJob = {
  target: [jobs.kind, jobs.subjectId],
  targetWhere: sql`status = 'queued'`,
  set: { runAfter: sql`${jobs.runAfter}` },
};

/**
 * At most one queued job per subject (partial unique index): a burst of events is analysed once.
 * `runAfter` schedules it for later; when one is already queued, that one stands — unless `sooner`,
 * when it runs no later than this one would (work queued far ahead, such as a migration's trickled
 * re-index, must not hold back the subject's fresh work; not for every kind, as a retry waiting out
 * its backoff would be pulled forward too).
 */
export async function enqueueJob(
  db: Database,
  kind: string,
  subjectId: string,
  options: { runAfter?: Date; sooner?: boolean } = {},
): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind, subjectId, runAfter: options.runAfter })
    .onConflictDoUpdate(
      options.sooner
        ? { ...keepQueuedJob, set: { runAfter: sql`least(${jobs.runAfter}, excluded.run_after)` } }
        : keepQueuedJob,
    );
}

/**
 * Queues an analysis of the issue, to run no sooner than `minIntervalSeconds` after its latest
 * analysis: a new issue is analysed at once, while a cascade's thousand events a minute are
 * analysed every few seconds instead of back to back (each run adds a version). Coalesces with a
 * queued one like enqueueJob.
 */
export async function enqueueAnalysis(
  db: Database,
  issueId: string,
  options: { minIntervalSeconds: number },
): Promise<void> {
  await db
    .insert(jobs)
    .values({
      kind: ANALYSE_ISSUE_JOB,
      subjectId: issueId,
      runAfter: analysisRunAfter(issueId, options.minIntervalSeconds),
    })
    .onConflictDoUpdate(keepQueuedJob);
}

// greatest() ignores the null of an issue never analysed.
function analysisRunAfter(issueId: string, minIntervalSeconds: number): SQL {
  return sql`greatest(now(), (select ${analyses.createdAt} from ${analyses} where ${analyses.issueId} = ${issueId}::text order by ${analyses.version} desc limit 1) + make_interval(secs => ${minIntervalSeconds}::float8))`;
}

/**
 * enqueueAnalysis as a CTE of a single-statement write, queuing the job once per row of `source`:
 * the issue and interval are the placeholders `job_issue_id` and `job_min_interval_seconds`.
 */
export function analysisJobInsert(source: string): SQL {
  const issueId = sql.placeholder("job_issue_id");
  return sql`insert into ${jobs} (kind, subject_id, run_after)
    select ${ANALYSE_ISSUE_JOB}::text, ${issueId}::text,
      greatest(now(), (select ${analyses.createdAt} from ${analyses} where ${analyses.issueId} = ${issueId}::text
        order by ${analyses.version} desc limit 1) + make_interval(secs => ${sql.placeholder("job_min_interval_seconds")}::float8))
    from ${sql.raw(source)}
    on conflict (kind, subject_id) where status = 'queued' do update set run_after = ${jobs}.run_after
    returning 1`;
}

/**
 * Queues an analysis of the `limit` most recently seen issues that have none (a bulk load's issues,
 * stored without ingest's per-event job), in one statement. Returns how many were queued.
 */
export async function queueAnalysisOfUnanalysedIssues(db: Database, limit: number): Promise<number> {
  const queued = await db.execute(sql`
    insert into ${jobs} (kind, subject_id)
    select ${ANALYSE_ISSUE_JOB}::text, i.id from issues i
    where not exists (select from ${analyses} a where a.issue_id = i.id)
    order by i.last_seen desc limit ${limit}
    on conflict (kind, subject_id) where status = 'queued' do nothing
    returning 1`);
  return rowsOf(queued).length;
}

/** How many jobs of the kind are queued and due: a backlog the caller may want to let drain first. */
export async function countDueJobs(db: Database, kind: string): Promise<number> {
  return db.$count(jobs, and(eq(jobs.kind, kind), eq(jobs.status, "queued"), lte(jobs.runAfter, sql`now()`)));
}

/**
 * Claims due jobs for this worker. SKIP LOCKED lets any number of workers share the table; a job
 * whose worker died is claimed again once its lease runs out. `kinds` limits the claim to the kinds
 * the worker can run (all kinds when absent). A subject whose job of the same kind is still running
 * waits for it: two analyses of one issue at once would race for the same version number.
 */
export async function claimJobs(
  db: Database,
  options: { limit: number; leaseSeconds: number; kinds?: string[] },
): Promise<Job[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        options.kinds ? inArray(jobs.kind, options.kinds) : undefined,
        or(
          and(eq(jobs.status, "queued"), lte(jobs.runAfter, sql`now()`)),
          and(eq(jobs.status, "running"), lte(jobs.lockedUntil, sql`now()`)),
        ),
        sql`not exists (select 1 from ${jobs} busy where busy.kind = ${jobs.kind} and busy.subject_id = ${jobs.subjectId} and busy.status = 'running' and busy.locked_until > now() and busy.id <> ${jobs.id})`,
      ),
    )
    .orderBy(jobs.runAfter, jobs.id)
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: sql`now() + make_interval(secs => ${options.leaseSeconds})`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

export async function completeJob(db: Database, id: number): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", finishedAt: sql`now()`, lockedUntil: null })
    .where(eq(jobs.id, id));
}

/** The job already queued for the same work, which makes re-queuing `job` both redundant and a unique violation. */
async function queuedJobFor(db: Database, job: Job): Promise<{ id: number } | undefined> {
  const [queued] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, job.kind), eq(jobs.subjectId, job.subjectId), eq(jobs.status, "queued")))
    .limit(1);
  return queued;
}

/**
 * Queues the job again in `retryInSeconds` until it has run maxAttempts times, then parks it as
 * failed. When a newer job for the same subject is already queued, that one will do the work, so
 * this one is closed instead.
 */
export async function failJob(
  db: Database,
  job: Job,
  error: string,
  retry: { maxAttempts: number; retryInSeconds: number },
): Promise<void> {
  const giveUp = job.attempts >= retry.maxAttempts;
  await db.transaction(async (tx) => {
    const newer = await queuedJobFor(tx, job);
    const status = giveUp ? "failed" : newer ? "done" : "queued";
    await tx
      .update(jobs)
      .set({
        status,
        lastError: error.slice(0, 2000),
        lockedUntil: null,
        runAfter: sql`now() + make_interval(secs => ${retry.retryInSeconds})`,
        finishedAt: status === "queued" ? null : sql`now()`,
      })
      .where(eq(jobs.id, job.id));
  });
}

// A reset further out than this is more likely a bad header than a real window.
const MAX_DEFER_SECONDS = 3600;

/**
 * Puts a job back until `until` without spending an attempt: the wait was imposed (an upstream
 * rate limit), not caused by the job. Only one job may be queued per subject, so when a newer one
 * is already queued, that one is pushed back instead and this one closed.
 */
export async function deferJob(
  db: Database,
  job: Job,
  options: { until: Date; reason: string },
): Promise<void> {
  const until = sql`least(greatest(${options.until.toISOString()}::timestamptz, now()), now() + make_interval(secs => ${MAX_DEFER_SECONDS}))`;
  await db.transaction(async (tx) => {
    const newer = await queuedJobFor(tx, job);
    if (newer) {
      await tx
        .update(jobs)
        .set({ runAfter: sql`greatest(${jobs.runAfter}, ${until})` })
        .where(eq(jobs.id, newer.id));
    }
    await tx
      .update(jobs)
      .set({
        status: newer ? "done" : "queued",
        attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
        lastError: options.reason.slice(0, 2000),
        lockedUntil: null,
        runAfter: until,
        finishedAt: newer ? sql`now()` : null,
      })
      .where(eq(jobs.id, job.id));
  });
}

/**
 * Deletes finished jobs older than the retention, at most `limit` at a time so a large backlog is
 * worked off over several calls without one long lock. Failed jobs stay: their error is shown on
 * the issue page until a new job for the issue replaces it.
 */
export async function pruneDoneJobs(
  db: Database,
  options: { olderThanDays: number; limit: number },
): Promise<number> {
  const old = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "done"),
        lte(jobs.finishedAt, sql`now() - make_interval(days => ${options.olderThanDays})`),
      ),
    )
    .limit(options.limit);
  const deleted = await db.delete(jobs).where(inArray(jobs.id, old)).returning({ id: jobs.id });
  return deleted.length;
}

export type JobState = {
  status: "queued" | "running" | "failed";
  attempts: number;
  lastError: string | null;
  runAfter: Date;
};

/**
 * Where the subject's newest job stands, or null when it is done (or never existed): what a page
 * needs to say "analysing", "retrying after an error" or "failed" instead of spinning forever.
 */
export async function getJobState(db: Database, kind: string, subjectId: string): Promise<JobState | null> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.subjectId, subjectId)))
    .orderBy(desc(jobs.id))
    .limit(1);
  if (!job || job.status === "done") return null;
  return { status: job.status, attempts: job.attempts, lastError: job.lastError, runAfter: job.runAfter };
}

/** Jobs in one status, newest first: for operators, e.g. every failed job of every kind. */
export async function listJobs(
  db: Database,
  options: { status: Job["status"]; limit: number },
): Promise<Job[]> {
  return db
    .select()
    .from(jobs)
    .where(eq(jobs.status, options.status))
    .orderBy(desc(jobs.id))
    .limit(options.limit);
}

export type RequeueResult = { outcome: "requeued"; job: Job } | { outcome: "not_found" | "not_failed" };

/**
 * Gives a failed job a fresh set of attempts, due now; its last error stays for reference. When the
 * same work is already queued, that job is made due now instead and this one closed, since only one
 * may be queued per subject. Audited in the same transaction as `actor`'s write.
 */
export async function requeueJob(db: Database, id: number, actor: AuditActor): Promise<RequeueResult> {
  return db.transaction(async (tx) => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, id)).for("update");
    if (!job) return { outcome: "not_found" };
    if (job.status !== "failed") return { outcome: "not_failed" };
    const audit = (after: Record<string, unknown>) =>
      recordAudit(tx, {
        actor,
        action: "job.requeue",
        target: { type: "job", id: job.id },
        before: { kind: job.kind, subjectId: job.subjectId, status: job.status, attempts: job.attempts },
        after: { kind: job.kind, subjectId: job.subjectId, ...after },
      });
    const newer = await queuedJobFor(tx, job);
    if (newer) {
      await tx.update(jobs).set({ status: "done", finishedAt: sql`now()` }).where(eq(jobs.id, job.id));
      const [queued] = await tx
        .update(jobs)
        .set({ runAfter: sql`now()` })
        .where(eq(jobs.id, newer.id))
        .returning();
      await audit({ status: "done", attempts: job.attempts, queuedJobId: newer.id });
      return { outcome: "requeued", job: queued as Job };
    }
    const [queued] = await tx
      .update(jobs)
      .set({ status: "queued", attempts: 0, runAfter: sql`now()`, lockedUntil: null, finishedAt: null })
      .where(eq(jobs.id, job.id))
      .returning();
    await audit({ status: "queued", attempts: 0 });
    return { outcome: "requeued", job: queued as Job };
  });
}
