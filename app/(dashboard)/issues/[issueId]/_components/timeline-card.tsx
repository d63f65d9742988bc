import { Count } from "@/app/_components/count";
import type { IssueDetailResponse } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

type Bucket = IssueDetailResponse["timeline"][number];

const hourLabel = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });

/**
 * Events per hour as bars (users and tenants of each hour on hover and for screen readers), with
 * the peak hour spelled out: whether the fire is growing or out is the first thing on-call asks.
 */
export function TimelineCard({ timeline }: { timeline: Bucket[] }) {
  if (timeline.length === 0) return null;
  const peak = timeline.reduce((max, b) => (b.events > max.events ? b : max), timeline[0] as Bucket);
  const total = timeline.reduce((sum, b) => sum + b.events, 0);
  const scale = Math.max(peak.events, 1);
  return (
    <SectionCard
      title="Blast radius over time"
      aside={<span className="text-xs text-zinc-500">last {timeline.length} h, hourly</span>}
    >
      <div data-testid="timeline" data-hours={timeline.length} data-events={total} className="space-y-2">
        <ol className="flex h-24 items-end gap-px" aria-label="Events per hour">
          {timeline.map((bucket) => (
            <li
              key={bucket.hour}
              data-testid="timeline-hour"
              data-events={bucket.events}
              className="flex h-full min-w-0 flex-1 items-end"
              title={`${hourLabel(bucket.hour)}: ${bucket.events} events, ${bucket.users} users, ${bucket.tenants} tenants`}
            >
              <span className="sr-only">
                {hourLabel(bucket.hour)}: {bucket.events} events, {bucket.users} users, {bucket.tenants}{" "}
                tenants
              </span>
              <span
                aria-hidden
                className={`w-full rounded-t-sm ${bucket.events > 0 ? "bg-red-400" : "bg-zinc-100"}`}
                style={{ height: `${Math.max((bucket.events / scale) * 100, 2)}%` }}
              />
            </li>
          ))}
        </ol>
        <p className="text-xs text-zinc-600">
          <Count value={total} /> events in this window; busiest hour {hourLabel(peak.hour)} with{" "}
          <Count value={peak.events} /> events, <Count value={peak.users} /> users and{" "}
          <Count value={peak.tenants} /> tenants.
        </p>
      </div>
    </SectionCard>
  );
}
