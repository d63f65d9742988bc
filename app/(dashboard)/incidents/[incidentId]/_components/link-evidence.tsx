import type { IncidentMember } from "@/lib/contracts/incidents";

type Evidence = IncidentMember["links"][number]["evidence"][number];

function apart(seconds: number): string {
  return seconds === 0 ? "first seen together" : `first seen ${Math.abs(seconds)} s apart`;
}

function signed(seconds: number): string {
  return `${seconds >= 0 ? "+" : "−"}${Math.abs(seconds)} s`;
}

/** One piece of evidence in words an on-call engineer can check. */
export function describeEvidence(e: Evidence): string {
  switch (e.kind) {
    case "trace":
      return `${e.sharedTraces} shared trace${e.sharedTraces === 1 ? "" : "s"} (median ${signed(e.medianOffsetSeconds)})`;
    case "users":
      return `${e.coOccurrences} times the same user hit both within ${e.withinSeconds} s`;
    case "release":
      return `new release ${e.release} for both, ${apart(e.firstSeenGapSeconds)}`;
    case "tenants":
      return `${e.sharedTenants} shared tenants (overlap ${Math.round(e.jaccard * 100)}%), ${apart(e.firstSeenGapSeconds)}`;
    case "manual":
      return `merged by ${e.by}`;
  }
}

export function LinkEvidence({
  links,
  titleOf,
}: {
  links: IncidentMember["links"];
  titleOf: (id: string) => string;
}) {
  if (links.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-xs text-zinc-600">
      {links.map((link) => (
        <li key={`${link.issueId}-${link.source}`}>
          <span className="font-medium text-zinc-700">with {titleOf(link.issueId)}:</span>{" "}
          {link.evidence.map(describeEvidence).join("; ")}
          {link.evidence.some((e) => e.kind === "trace") && (
            <span className="ml-1 font-mono text-[11px] text-zinc-500">
              {link.evidence
                .flatMap((e) => (e.kind === "trace" ? e.exampleTraceIds.slice(0, 1) : []))
                .join("")}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
