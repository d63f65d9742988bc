/** Sentry's substatuses that change what on-call does next; the others (ongoing, archived…) show nothing. */
const BADGES: Record<string, { label: string; icon: string; style: string; title: string }> = {
  new: {
    label: "New",
    icon: "✦",
    style: "border-sky-300 bg-sky-50 text-sky-900",
    title: "Sentry: first seen in the last 7 days",
  },
  regressed: {
    label: "Regressed",
    icon: "↺",
    style: "border-orange-300 bg-orange-50 text-orange-900",
    title: "Sentry: came back after it was resolved",
  },
  escalating: {
    label: "Escalating",
    icon: "↑",
    style: "border-red-300 bg-red-50 text-red-900",
    title: "Sentry: events are well above the issue's usual rate",
  },
};

export function SubstatusBadge({ substatus }: { substatus: string | null }) {
  const badge = substatus ? BADGES[substatus] : undefined;
  if (!badge) return null;
  return (
    <span
      data-testid="substatus-badge"
      data-value={substatus}
      title={badge.title}
      className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-px text-[11px] font-semibold ${badge.style}`}
    >
      <span aria-hidden>{badge.icon}</span>
      {badge.label}
    </span>
  );
}
