import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import { getLatestAnalysis } from "@/lib/db/queries/analyses";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import {
  enqueueWriteback,
  getProjectWritebackOfIssue,
  getWritebackLeaseEnd,
  leaseWriteback,
  releaseWriteback,
  WRITEBACK_JOB,
} from "@/lib/db/queries/writebacks";
import type { WritebackMode } from "@/lib/db/schema";
import type { JobKind } from "@/lib/jobs/job-kind";
import { rateLimitResetOf } from "@/lib/sentry/api-errors";
import type { SentryWrites } from "@/lib/sentry/api-writes";
import { assignOwner } from "./assign-owner";
import { backoffWithJitter } from "./backoff";
import { composeComment } from "./compose-comment";
import { writeComment } from "./write-comment";

export type WritebackSettings = {
  /**
   * The Sentry client for the issue's organisation; null when Sift may not call Sentry for it (its
   * installation was deleted, or no token covers it): the write-back then ends without a call.
   */
  clientFor: (db: Database, issueId: string) => Promise<SentryWrites | null>;
  /** SIFT_WRITEBACK: the mode of every project without an admin's override. */
  defaultMode: WritebackMode;
  /** SIFT_PUBLIC_URL: where Sift's issue pages are, for the link in the comment. */
  publicUrl: string;
  /** Attempts before a write-back is parked as failed (listed for admins to requeue). */
  maxAttempts: number;
  /** An issue's comment is edited at most this often while it keeps being re-analysed. */
  editAfterSeconds: number;
};

// Longer than the few calls of one run can take (each gives up after the client's timeout).
const LEASE_SECONDS = 120;

/** Another job of the same issue holds the lease: come back when it ends, without spending an attempt. */
export class WritebackBusyError extends Error {
  constructor(readonly retryAt: Date) {
    super(`another write-back of this issue is running; retry at ${retryAt.toISOString()}`);
    this.name = "WritebackBusyError";
  }
}

const modeOf = async (db: Database, issueId: string, settings: Pick<WritebackSettings, "defaultMode">) => {
  const override = await getProjectWritebackOfIssue(db, issueId);
  return override === undefined ? undefined : (override ?? settings.defaultMode);
};

/**
 * Writes the issue's latest analysis back to Sentry as the project's mode says: a comment
 * (`comment`), and also the owning team as assignee (`assign`). Nothing in `off`.
 */
export async function runWriteback(
  db: Database,
  issueId: string,
  settings: WritebackSettings,
): Promise<void> {
  const mode = await modeOf(db, issueId, settings);
  if (mode === undefined) throw new Error(`issue ${issueId} does not exist`);
  if (mode === "off") return;
  const [issue, analysis] = await Promise.all([getIssueRow(db, issueId), getLatestAnalysis(db, issueId)]);
  if (!issue || !analysis) return;
  const api = await settings.clientFor(db, issueId);
  if (!api) return;
  const token = randomUUID();
  const state = await leaseWriteback(db, issueId, { token, leaseSeconds: LEASE_SECONDS });
  if (!state) {
    const until = await getWritebackLeaseEnd(db, issueId);
    throw new WritebackBusyError(until ?? new Date(Date.now() + 5_000));
  }
  try {
    const text = composeComment({
      summary: analysis.summary,
      owner: analysis.owner,
      blastRadius: analysis.blastRadius,
      siftIssueUrl: `${settings.publicUrl.replace(/\/+$/, "")}/issues/${encodeURIComponent(issueId)}`,
    });
    await writeComment(db, issueId, state, text, api);
    if (mode === "assign") await assignOwner(db, issue, analysis.owner, state, api);
  } finally {
    await releaseWriteback(db, issueId, token);
  }
}

/**
 * Queues the issue's write-back after an analysis, unless its project's mode is off. Given to the
 * analysis job by lib/worker as its afterAnalysis, inside the transaction that stores the analysis.
 */
export async function queueWriteback(
  db: Database,
  issueId: string,
  settings: Pick<WritebackSettings, "defaultMode" | "editAfterSeconds">,
): Promise<void> {
  const mode = await modeOf(db, issueId, settings);
  if (mode === undefined || mode === "off") return;
  await enqueueWriteback(db, issueId, { minIntervalSeconds: settings.editAfterSeconds });
}

/**
 * The write-back as a job kind, subject a Sentry issue id. A 429 waits for Sentry's reset and a busy
 * lease for its end, neither spending an attempt; anything else (5xx, timeouts, reset connections)
 * is retried with exponential backoff and jitter, and parked as failed after maxAttempts.
 */
export function writebackJob(settings: WritebackSettings): JobKind {
  return {
    name: WRITEBACK_JOB,
    subject: z.string().regex(/^\d{1,20}$/, "a Sentry issue id"),
    retry: {
      maxAttempts: settings.maxAttempts,
      backoffSeconds: (attempts) => backoffWithJitter(attempts, Math.random()),
      waitUntil: (error) =>
        rateLimitResetOf(error) ?? (error instanceof WritebackBusyError ? error.retryAt : null),
    },
    run: ({ db, subjectId }) => runWriteback(db, subjectId, settings),
  };
}
