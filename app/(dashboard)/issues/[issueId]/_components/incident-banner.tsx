import Link from "next/link";
import type { IssueIncident } from "@/lib/contracts/incidents";

/** Tells the engineer this issue is part of a bigger fire, and whether it is the cause or a symptom. */
export function IncidentBanner({ incident }: { incident: IssueIncident | null }) {
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
    </section>
  );
}
