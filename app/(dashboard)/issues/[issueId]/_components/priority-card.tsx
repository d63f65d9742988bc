import { PriorityBadge } from "@/app/_components/priority-badge";
import type { FeedbackItem } from "@/lib/contracts/feedback";
import type { Analysis } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";
import { correctedValue, FeedbackControls, FeedbackNote } from "./verdict-feedback";

type Priority = NonNullable<Analysis["priority"]>;

const TREND_LABELS: Record<Priority["trend"]["trend"], string> = {
  new: "new",
  rising: "rising ↑",
  steady: "steady",
  falling: "falling ↓",
};

const signed = (points: number) => (points > 0 ? `+${points}` : String(points));

/** The tier first, then every reason with the points it added, so on-call can check the verdict in seconds. */
export function PriorityCard({
  issueId,
  priority,
  latest,
}: {
  issueId: string;
  priority: Priority;
  latest?: FeedbackItem;
}) {
  const tier = (correctedValue(latest) as Priority["tier"] | null) ?? priority.tier;
  return (
    <SectionCard
      title="Priority"
      aside={
        <span className="text-xs text-zinc-500">score {priority.score} · P0 ≥ 60, P1 ≥ 40, P2 ≥ 20</span>
      }
    >
      <div data-testid="priority" data-tier={tier} className="space-y-3">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-base">
            <PriorityBadge tier={tier} />
          </span>
          <span className="text-zinc-700">
            trend <span className="font-medium text-zinc-900">{TREND_LABELS[priority.trend.trend]}</span>
          </span>
          {priority.activeTenantShare !== null && (
            <span data-testid="active-tenant-share" className="text-zinc-700">
              <span className="font-medium text-zinc-900">
                {Math.round(priority.activeTenantShare * 100)}%
              </span>{" "}
              of active tenants hit
            </span>
          )}
        </div>
        <FeedbackNote latest={latest} />
        <FeedbackControls
          issueId={issueId}
          kind="priority"
          picker={{ type: "select", options: ["P0", "P1", "P2", "P3"].map((t) => ({ value: t, label: t })) }}
        />
        <ul data-testid="priority-reasons" className="space-y-1 text-sm">
          {priority.reasons.map((reason) => (
            <li key={`${reason.factor}:${reason.text}`} className="flex items-baseline gap-2">
              <span
                className={`w-10 shrink-0 text-right font-mono text-xs ${reason.points > 0 ? "text-red-700" : reason.points < 0 ? "text-emerald-700" : "text-zinc-500"}`}
              >
                {reason.factor === "cap" ? "cap" : signed(reason.points)}
              </span>
              <span className="text-zinc-800">{reason.text}</span>
            </li>
          ))}
        </ul>
      </div>
    </SectionCard>
  );
}
