import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/connect";
import {
  ISSUE_ACTION_JOB,
  type IssueActionRow,
  listPendingIssueActions,
  noteIssueAction,
  settleIssueAction,
} from "@/lib/db/queries/issue-actions";
import { getWritebackLeaseEnd, leaseWriteback, releaseWriteback } from "@/lib/db/queries/writebacks";
import type { JobKind } from "@/lib/jobs/job-kind";
import { rateLimitResetOf, SentryApiError } from "@/lib/sentry/api-errors";
import type { SentryIssueWorkflow, SentryTeam } from "@/lib/sentry/api-write-payload";
import type { SentryWrites } from "@/lib/sentry/api-writes";
import { type AssigneeRecord, assigneeFromSentry } from "@/lib/sentry/to-issue";
import { type SentryIssue, sentryIssue } from "@/lib/sentry/webhook-payload";
import { backoffWithJitter } from "./backoff";
import { planIssueAction } from "./plan-issue-action";
import { WritebackBusyError, type WritebackSettings } from "./writeback-job";

// The issue.* action Sentry's webhook would carry for each change, to mirror Sentry's answer alike.
const mirroredAs = {
  assign: "assigned",
  resolve: "resolved",
  archive: "ignored",
  unresolve: "unresolved",
} as const;

export type IssueActionSettings = Pick<WritebackSettings, "clientFor" | "maxAttempts"> & {
  /**
   * Stores Sentry's answer to a write as its issue.* webhook would be stored (lib/ingest's
   * storeIssue, wired by lib/worker), so the page shows the new state even when no webhook comes;
   * without an action, as the poll stores what it reads (it then changes only a state never mirrored).
   */
  mirror?: (
    db: Database,
    issue: SentryIssue,
    as: { action?: (typeof mirroredAs)[keyof typeof mirroredAs]; assignee?: AssigneeRecord | null },
  ) => Promise<unknown>;
};

// As the analysis write-back's: longer than the few calls of one run can take.
const LEASE_SECONDS = 120;

// A refusal that will not change by asking again (bad input, no permission, gone); 408 and 429 will.
const isPermanent = (error: unknown): error is SentryApiError =>
  error instanceof SentryApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  ![408, 429].includes(error.status);

// Sentry's state as last read or written back, and the organisation's teams once listed.
type RunState = { current: SentryIssueWorkflow | undefined; teams?: SentryTeam[] };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function writeOne(
  db: Database,
  issueId: string,
  action: IssueActionRow,
  api: SentryWrites,
  state: RunState,
  mirror: IssueActionSettings["mirror"],
): Promise<void> {
  if (!state.current) return;
  let teamId: string | undefined;
  if (action.kind === "assign") {
    state.teams ??= await api.listTeams();
    const slug = (action.team ?? "").replace(/^#/, "").toLowerCase();
    teamId = state.teams.find((t) => t.slug.toLowerCase() === slug)?.id;
    if (!teamId) {
      await settleIssueAction(db, action.id, {
        status: "failed",
        note: `no team "${action.team}" in the Sentry organisation`,
      });
      return;
    }
  }
  const plan = planIssueAction(action, state.current, teamId);
  if (plan.kind === "superseded") {
    await settleIssueAction(db, action.id, { status: "superseded", note: plan.note });
    // What Sentry shows is what the triager should have seen: a repeated request starts from it.
    await mirrorAnswer(db, state.current, {}, mirror);
    return;
  }
  if (plan.kind === "done") {
    await settleIssueAction(db, action.id, { status: "succeeded", note: plan.note, teamId });
    return;
  }
  try {
    state.current = await api.updateIssue(issueId, plan.update);
  } catch (error) {
    if (!isPermanent(error)) throw error;
    await settleIssueAction(db, action.id, { status: "failed", note: `Sentry refused it: ${error.message}` });
    return;
  }
  await settleIssueAction(db, action.id, { status: "succeeded", note: "written to Sentry", teamId });
  // Sentry answers with the issue as it now is: mirrored like its webhook, versioned the same way,
  // so the page shows it even when no webhook comes (and a newer one still wins).
  await mirrorAnswer(
    db,
    state.current,
    { action: mirroredAs[action.kind], assignee: action.kind === "assign" },
    mirror,
  );
}

async function mirrorAnswer(
  db: Database,
  answer: SentryIssueWorkflow,
  as: { action?: (typeof mirroredAs)[keyof typeof mirroredAs]; assignee?: boolean },
  mirror: IssueActionSettings["mirror"],
): Promise<void> {
  const issue = sentryIssue.safeParse(answer);
  if (!mirror || !issue.success) return;
  const assignee = issue.data.assignedTo ? assigneeFromSentry(issue.data.assignedTo) : null;
  await mirror(db, issue.data, { action: as.action, ...(as.assignee ? { assignee } : {}) });
}

/**
 * Writes the issue's pending actions to Sentry, oldest first, under the issue's write-back lease
 * (so it never races the analysis write-back's assignment). Sentry's state is read once first: an
 * action already shown there is settled without a write (the retry after a PUT whose answer was
 * lost), one whose field someone changed since it was asked is superseded. Transient failures
 * leave the actions pending with the reason and are retried; the last attempt marks them failed.
 */
export async function runIssueActions(
  db: Database,
  issueId: string,
  settings: IssueActionSettings,
  attempt: number,
): Promise<void> {
  const pending = await listPendingIssueActions(db, issueId);
  if (pending.length === 0) return;
  const api = await settings.clientFor(db, issueId);
  if (!api) {
    for (const action of pending) {
      await settleIssueAction(db, action.id, {
        status: "failed",
        note: "no Sentry token covers this issue's organisation",
      });
    }
    return;
  }
  const token = randomUUID();
  if (!(await leaseWriteback(db, issueId, { token, leaseSeconds: LEASE_SECONDS }))) {
    const until = await getWritebackLeaseEnd(db, issueId);
    throw new WritebackBusyError(until ?? new Date(Date.now() + 5_000));
  }
  try {
    const state: RunState = { current: await api.getIssueWorkflow(issueId) };
    for (const action of pending) {
      if (!state.current) {
        await settleIssueAction(db, action.id, { status: "failed", note: "Sentry does not know the issue" });
        continue;
      }
      await writeOne(db, issueId, action, api, state, settings.mirror);
    }
  } catch (error) {
    const imposed = rateLimitResetOf(error) !== null;
    const last = !imposed && attempt >= settings.maxAttempts;
    for (const action of await listPendingIssueActions(db, issueId)) {
      if (last) {
        await settleIssueAction(db, action.id, {
          status: "failed",
          note: `gave up after ${attempt} attempts: ${message(error)}`,
        });
      } else {
        await noteIssueAction(db, action.id, { note: `retrying: ${message(error)}` });
      }
    }
    throw error;
  } finally {
    await releaseWriteback(db, issueId, token);
  }
}

/**
 * A triager's actions on one issue (resolve, archive, unresolve, assign to a team) as a job kind,
 * subject the Sentry issue id. Retries like the analysis write-back: a 429 waits for Sentry's
 * reset and a busy lease for its end, neither spending an attempt; anything else backs off with
 * jitter and is parked as failed after maxAttempts.
 */
export function issueActionJob(settings: IssueActionSettings): JobKind {
  return {
    name: ISSUE_ACTION_JOB,
    subject: z.string().regex(/^\d{1,20}$/, "a Sentry issue id"),
    retry: {
      maxAttempts: settings.maxAttempts,
      backoffSeconds: (attempts) => backoffWithJitter(attempts, Math.random()),
      waitUntil: (error) =>
        rateLimitResetOf(error) ?? (error instanceof WritebackBusyError ? error.retryAt : null),
    },
    run: ({ db, subjectId, attempts }) => runIssueActions(db, subjectId, settings, attempts),
  };
}
