import Link from "next/link";
import type { FeedbackItem } from "@/lib/contracts/feedback";
import type { IssueIncident } from "@/lib/contracts/incidents";
import { FeedbackControls, FeedbackNote } from "./verdict-feedback";

/** Tells the engineer this issue is part of a bigger fire, and whether it is the cause or a symptom. */
export function IncidentBanner({
  issueId,
  incident,
  latest,
}: {
  issueId: string;
  incident: IssueIncident | null;
  latest?: FeedbackItem;
}) {
  if (!incident) return null;
  const others = incident.issueCount - 1;
  return (
    <section
      aria-label="Incident"
      data-testid="issue-incident"
      className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      {incident.role === "root" ? (
        <p>
          <span className="font-semibold">Likely root</span> of an incident with {others} other issue
          {others === 1 ? "" : "s"}.{" "}
        </p>
      ) : (
        <p>
          <span className="font-semibold">Symptom</span> of an incident with {incident.issueCount} issues; its
          likely root:{" "}
          <Link className="font-medium underline" href={`/issues/${incident.rootIssueId}`}>
            {incident.title}
          </Link>
          .
        </p>
      )}
      <Link className="font-medium underline" href={`/incidents/${incident.id}`}>
        Open incident {incident.id}
      </Link>
      <FeedbackNote latest={latest} />
      <FeedbackControls
        issueId={issueId}
        kind="incident_root"
        picker={{ type: "text", placeholder: "root issue id" }}
      />
    </section>
  );
}
