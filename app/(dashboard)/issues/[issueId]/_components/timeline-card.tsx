import { HourlyBlastChart } from "@/app/_components/hourly-blast-chart";
import type { IssueDetailResponse } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

/**
 * Events, users and tenants per hour: whether the fire is growing or out, and whether it is
 * spreading to more customers, is the first thing on-call asks.
 */
export function TimelineCard({ timeline }: { timeline: IssueDetailResponse["timeline"] }) {
  if (timeline.length === 0) return null;
  return (
    <SectionCard
      title="Blast radius over time"
      aside={<span className="text-xs text-zinc-600">last {timeline.length} h, hourly, UTC</span>}
    >
      <HourlyBlastChart timeline={timeline} testId="timeline" />
    </SectionCard>
  );
}
