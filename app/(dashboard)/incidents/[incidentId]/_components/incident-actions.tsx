"use client";

import { describeAction } from "@/app/_components/action-status";
import { SectionCard } from "@/app/_components/section-card";
import { ActionControls, ActionNotices } from "@/app/(dashboard)/_components/action-controls";
import { useAuth } from "@/lib/auth/auth-context";
import { hasRole } from "@/lib/auth/roles";
import type { IssueActionItem } from "@/lib/contracts/issue-actions";
import { useKnownOwners } from "@/lib/query/feedback";
import { useIncidentActions, useRequestIncidentAction } from "@/lib/query/issue-actions";
import { useIssue } from "@/lib/query/issues";

const ORDER: IssueActionItem["status"][] = ["pending", "succeeded", "failed", "superseded"];
const WORDS: Record<IssueActionItem["status"], string> = {
  pending: "pending",
  succeeded: "done in Sentry",
  failed: "failed",
  superseded: "not written",
};

/** "Resolve: 2 done in Sentry, 1 pending" for each request made from this page, newest first. */
function summarise(actions: IssueActionItem[]): { label: string; counts: string; failed: string[] }[] {
  const groups = new Map<string, IssueActionItem[]>();
  for (const a of actions) groups.set(describeAction(a), [...(groups.get(describeAction(a)) ?? []), a]);
  return [...groups].map(([label, items]) => ({
    label,
    counts: ORDER.filter((s) => items.some((i) => i.status === s))
      .map((s) => `${items.filter((i) => i.status === s).length} ${WORDS[s]}`)
      .join(", "),
    failed: items.filter((i) => i.status === "failed" && i.note).map((i) => `issue ${i.issueId}: ${i.note}`),
  }));
}

/**
 * The incident's issues resolved, archived or assigned in Sentry at once (one write-back job per
 * issue), for triagers and admins; the assignment offers the root's owning team.
 */
export function IncidentActions({
  incidentId,
  rootIssueId,
  open,
}: {
  incidentId: string;
  rootIssueId: string;
  /** Some issue is unresolved: resolve and archive; else unresolve. */
  open: boolean;
}) {
  const { user } = useAuth();
  const canAct = user ? hasRole(user, "triager") : false;
  const query = useIncidentActions(incidentId);
  const request = useRequestIncidentAction(incidentId);
  const owners = useKnownOwners();
  const root = useIssue(rootIssueId);
  const rootOwner = root.data?.analysis?.owner.owner ?? null;
  const summary = summarise(query.data?.actions ?? []);
  if (!canAct && summary.length === 0) return null;
  const availability = query.data?.availability;
  return (
    <SectionCard title="Actions in Sentry">
      <div className="space-y-2" data-testid="incident-actions">
        {canAct && (
          <ActionControls
            key={rootOwner ?? ""}
            status={open ? "unresolved" : "resolved"}
            scope="all"
            defaultTeam={rootOwner?.startsWith("#") ? rootOwner : null}
            teams={(owners.data?.owners ?? []).filter((o) => o.startsWith("#"))}
            disabled={!availability?.enabled || request.isPending}
            onAct={(input) => request.mutate(input)}
          />
        )}
        <ActionNotices
          canAct={canAct}
          availability={availability}
          error={request.isError ? request.error : null}
        />
        {summary.length > 0 && (
          <ul className="space-y-1 text-sm text-zinc-700" aria-label="Requested in Sift">
            {summary.map((s) => (
              <li key={s.label} data-testid="incident-action">
                <span className="font-medium text-zinc-900">{s.label}</span>: {s.counts}
                {s.failed.map((f) => (
                  <span key={f} className="block text-xs text-red-700">
                    {f}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </div>
    </SectionCard>
  );
}
