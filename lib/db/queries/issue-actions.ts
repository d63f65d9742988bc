import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { type IssueActionKind, type IssueWorkflowState, issueActions, issues } from "../schema";

export type IssueActionRow = typeof issueActions.$inferSelect;
export type NewIssueAction = typeof issueActions.$inferInsert;

/** The issue_action job's kind: one job per issue writes its pending actions to Sentry in order. */
export const ISSUE_ACTION_JOB = "issue_action";

/** assign changes who has the issue; the others its status. A newer request replaces an older one of its field. */
export const fieldOf = (kind: IssueActionKind) => (kind === "assign" ? "assignee" : "status");
const kindsOf = (field: "assignee" | "status"): IssueActionKind[] =>
  field === "assignee" ? ["assign"] : ["resolve", "archive", "unresolve"];

/** Sentry's state of the issue as Sift mirrors it; null for an unknown issue. */
export async function getIssueWorkflowState(
  db: Database,
  issueId: string,
): Promise<IssueWorkflowState | null> {
  const [row] = await db
    .select({
      status: issues.status,
      substatus: issues.substatus,
      assigneeType: issues.assigneeType,
      assigneeId: issues.assigneeId,
      assigneeName: issues.assigneeName,
    })
    .from(issues)
    .where(eq(issues.id, issueId))
    .for("update");
  if (!row) return null;
  return {
    status: row.status,
    substatus: row.substatus,
    assignee:
      row.assigneeType && row.assigneeId
        ? { type: row.assigneeType, id: row.assigneeId, name: row.assigneeName }
        : null,
  };
}

/**
 * Records a requested change. A pending request of the same field on the issue is superseded by
 * it (the triager changed their mind before Sentry was written), so at most one per field waits.
 */
export async function insertIssueAction(db: Database, action: NewIssueAction): Promise<IssueActionRow> {
  await db
    .update(issueActions)
    .set({ status: "superseded", note: "replaced by a newer request in Sift", settledAt: sql`now()` })
    .where(
      and(
        eq(issueActions.issueId, action.issueId),
        eq(issueActions.status, "pending"),
        inArray(issueActions.kind, kindsOf(fieldOf(action.kind))),
      ),
    );
  const [row] = await db.insert(issueActions).values(action).returning();
  if (!row) throw new Error("insert into issue_actions returned no row");
  return row;
}

/** The issue's pending actions, oldest first: the order they are written in. */
export async function listPendingIssueActions(db: Database, issueId: string): Promise<IssueActionRow[]> {
  return db
    .select()
    .from(issueActions)
    .where(and(eq(issueActions.issueId, issueId), eq(issueActions.status, "pending")))
    .orderBy(asc(issueActions.id));
}

/** The newest action of each field (status, assignee) of each issue, newest first. */
export async function listLatestIssueActions(db: Database, issueIds: string[]): Promise<IssueActionRow[]> {
  if (issueIds.length === 0) return [];
  const isAssign = sql`${issueActions.kind} = 'assign'`;
  const rows = await db
    .selectDistinctOn([issueActions.issueId, isAssign])
    .from(issueActions)
    .where(inArray(issueActions.issueId, issueIds))
    .orderBy(issueActions.issueId, isAssign, desc(issueActions.id));
  return rows.sort((a, b) => b.id - a.id);
}

/** Ends a pending action; false when it was no longer pending (settled by the webhook or superseded). */
export async function settleIssueAction(
  db: Database,
  id: number,
  outcome: { status: "succeeded" | "failed" | "superseded"; note?: string | null; teamId?: string },
): Promise<boolean> {
  const rows = await db
    .update(issueActions)
    .set({
      status: outcome.status,
      note: outcome.note?.slice(0, 500) ?? null,
      settledAt: sql`now()`,
      ...(outcome.teamId ? { teamId: outcome.teamId } : {}),
    })
    .where(and(eq(issueActions.id, id), eq(issueActions.status, "pending")))
    .returning({ id: issueActions.id });
  return rows.length > 0;
}

/** Why a pending action is still waiting (the last transient error), without ending it. */
export async function noteIssueAction(
  db: Database,
  id: number,
  change: { note?: string; teamId?: string },
): Promise<void> {
  await db
    .update(issueActions)
    .set({
      ...(change.note !== undefined ? { note: change.note.slice(0, 500) } : {}),
      ...(change.teamId ? { teamId: change.teamId } : {}),
    })
    .where(and(eq(issueActions.id, id), eq(issueActions.status, "pending")));
}

/**
 * Settles the issue's pending actions that Sentry's state now shows done (an issue.* webhook,
 * Sift's own echo or anyone's same change): a resolve once it is resolved, an archive once ignored,
 * an unresolve once unresolved, an assignment once the team has it. Returns how many it settled.
 */
export async function settleActionsShownBySentry(
  db: Database,
  issueId: string,
  state: { status: string; assignee?: { type: string; id: string; name?: string | null } | null },
): Promise<number> {
  const statusKind: Record<string, IssueActionKind> = {
    resolved: "resolve",
    ignored: "archive",
    unresolved: "unresolve",
  };
  const kind = statusKind[state.status];
  const team = state.assignee?.type === "team" ? state.assignee : null;
  const shown = [
    ...(kind ? [eq(issueActions.kind, kind)] : []),
    ...(team
      ? [
          and(
            eq(issueActions.kind, "assign"),
            sql`(${issueActions.teamId} = ${team.id} or lower(${issueActions.team}) = lower(${team.name ?? ""}))`,
          ),
        ]
      : []),
  ];
  if (shown.length === 0) return 0;
  const rows = await db
    .update(issueActions)
    .set({ status: "succeeded", note: "confirmed by Sentry's webhook", settledAt: sql`now()` })
    .where(
      and(
        eq(issueActions.issueId, issueId),
        eq(issueActions.status, "pending"),
        sql`(${sql.join(shown, sql` or `)})`,
      ),
    )
    .returning({ id: issueActions.id });
  return rows.length;
}

/** The newest actions of one issue, for its page. */
export async function listIssueActions(
  db: Database,
  issueId: string,
  limit: number,
): Promise<IssueActionRow[]> {
  return db
    .select()
    .from(issueActions)
    .where(eq(issueActions.issueId, issueId))
    .orderBy(desc(issueActions.id))
    .limit(limit);
}
