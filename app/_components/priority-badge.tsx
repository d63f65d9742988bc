import type { IssueListItem } from "@/lib/contracts/issues";

type Tier = NonNullable<IssueListItem["priority"]>;

/** P0 shouts, P3 whispers: the colour carries the urgency, the text says it for everyone. */
const TIER_STYLES: Record<Tier, string> = {
  P0: "bg-red-600 text-white",
  P1: "bg-orange-100 text-orange-900 ring-1 ring-orange-300",
  P2: "bg-amber-50 text-amber-900 ring-1 ring-amber-200",
  P3: "bg-zinc-100 text-zinc-600",
};

export function PriorityBadge({ tier }: { tier: IssueListItem["priority"] }) {
  if (tier === null) {
    return (
      <span
        data-testid="priority-badge"
        data-value=""
        className="text-xs text-zinc-600"
        title="not analysed yet"
      >
        –
      </span>
    );
  }
  return (
    <span
      data-testid="priority-badge"
      data-value={tier}
      className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs font-semibold ${TIER_STYLES[tier]}`}
    >
      {tier}
    </span>
  );
}
