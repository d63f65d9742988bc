import type { OwnerVerdict } from "@/lib/analysis/types";
import type { WritebackMode } from "@/lib/db/schema";

const TEAM_OWNER = /^#([\w.-]+)$/;

/**
 * The team slug Sift may assign, or null. The confidence threshold: only an owner found by one of
 * your ownership rules is confident enough to assign; the fallback triage team is a guess (nobody
 * matched), and an owner given as a user's email is never assigned (Sift assigns teams only).
 */
export function confidentTeamSlug(owner: OwnerVerdict): string | null {
  if (owner.source !== "ownership_rule") return null;
  return TEAM_OWNER.exec(owner.owner)?.[1] ?? null;
}

export type AssignmentState = {
  /** What Sift recorded: it assigned the issue, or it found someone else's assignment and left it. */
  assignment: "assigned" | "left" | null;
  /** Sentry's assignee as Sift last mirrored it (webhooks, the poll); null when unassigned. */
  mirrored: { type: string; id: string; name: string | null } | null;
};

export type AssignmentPlan =
  | { kind: "assign"; teamSlug: string }
  /** `leave`: someone else assigned the issue, so Sift records that and never assigns it. */
  | { kind: "skip"; reason: string; leave?: boolean };

/**
 * Whether to try assigning the issue to its owning team. Sift assigns an issue at most once and
 * never over anyone else's assignment: the mirrored assignee is checked here, and Sentry's current
 * one is read again just before the write.
 */
export function planAssignment(
  mode: WritebackMode,
  owner: OwnerVerdict,
  state: AssignmentState,
): AssignmentPlan {
  if (mode !== "assign") return { kind: "skip", reason: `write-back mode is ${mode}` };
  if (state.assignment === "assigned") return { kind: "skip", reason: "already assigned by Sift" };
  if (state.assignment === "left") return { kind: "skip", reason: "assigned by someone else" };
  const teamSlug = confidentTeamSlug(owner);
  if (!teamSlug) {
    return {
      kind: "skip",
      reason:
        owner.source === "ownership_rule"
          ? `owner ${owner.owner} is not a team`
          : owner.source === "fallback"
            ? "no ownership rule matched (the triage team is not assigned)"
            : `owner ${owner.owner} is not from an ownership rule`,
    };
  }
  if (state.mirrored) {
    const who = state.mirrored.name ?? `${state.mirrored.type}:${state.mirrored.id}`;
    return { kind: "skip", reason: `already assigned to ${who} in Sentry`, leave: true };
  }
  return { kind: "assign", teamSlug };
}
