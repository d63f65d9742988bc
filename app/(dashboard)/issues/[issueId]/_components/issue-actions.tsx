"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ActionStatus } from "@/app/_components/action-status";
import { ActionControls, ActionNotices } from "@/app/(dashboard)/_components/action-controls";
import { useAuth } from "@/lib/auth/auth-context";
import { hasRole } from "@/lib/auth/roles";
import type { IssueActionItem } from "@/lib/contracts/issue-actions";
import { useKnownOwners } from "@/lib/query/feedback";
import { useIssueActions, useRequestIssueAction } from "@/lib/query/issue-actions";
import { issueKeys } from "@/lib/query/issues";

const statusAfter: Record<Exclude<IssueActionItem["action"], "assign">, string> = {
  resolve: "resolved",
  archive: "ignored",
  unresolve: "unresolved",
};

/** Once the last pending action settles, the issue's mirrored state has changed: read it again. */
function useRefreshWhenSettled(issueId: string, pending: number) {
  const client = useQueryClient();
  const before = useRef(pending);
  useEffect(() => {
    if (before.current > 0 && pending === 0)
      void client.invalidateQueries({ queryKey: issueKeys.detail(issueId) });
    before.current = pending;
  }, [client, issueId, pending]);
}

/**
 * Resolve, archive, unresolve and assign the issue in Sentry, for triagers and admins; the state of
 * the newest status and assignment requests for everyone. The intended state shows at once as
 * pending, until Sentry has it.
 */
export function IssueActions({
  issueId,
  status,
  owner,
}: {
  issueId: string;
  /** Sentry's status as Sift mirrors it. */
  status: string;
  /** Sift's owner verdict, offered as the team to assign. */
  owner: string | null;
}) {
  const { user } = useAuth();
  const canAct = user ? hasRole(user, "triager") : false;
  const query = useIssueActions(issueId);
  const request = useRequestIssueAction(issueId);
  const owners = useKnownOwners();
  const actions = query.data?.actions ?? [];
  const latestStatus = actions.find((a) => a.action !== "assign");
  const latestAssign = actions.find((a) => a.action === "assign");
  useRefreshWhenSettled(issueId, actions.filter((a) => a.status === "pending").length);
  const shown = [latestStatus, latestAssign].filter((a): a is IssueActionItem => Boolean(a));
  if (!canAct && shown.length === 0) return null;

  const intended =
    latestStatus?.status === "pending" && latestStatus.action !== "assign"
      ? statusAfter[latestStatus.action]
      : status;
  const availability = query.data?.availability;
  const teams = (owners.data?.owners ?? []).filter((o) => o.startsWith("#"));
  return (
    <section
      aria-label="Actions in Sentry"
      data-testid="issue-actions"
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4"
    >
      {canAct && (
        <ActionControls
          key={owner ?? ""}
          status={intended}
          defaultTeam={owner?.startsWith("#") ? owner : null}
          teams={teams}
          disabled={!availability?.enabled || request.isPending}
          onAct={(input) => request.mutate(input)}
        />
      )}
      <ActionNotices
        canAct={canAct}
        availability={availability}
        error={request.isError ? request.error : null}
      />
      {shown.length > 0 && (
        <ul className="space-y-1" aria-label="Requested in Sift">
          {shown.map((a) => (
            <ActionStatus key={a.id} action={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
