import type { IncidentDetailResponse } from "@/lib/contracts/incidents";

const hourFormat = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** Events per hour as bars, with users and tenants per bar in its label (readable without a mouse). */
export function IncidentTimeline({ timeline }: { timeline: IncidentDetailResponse["timeline"] }) {
  if (timeline.length === 0) return <p className="text-sm text-zinc-500">No events in the last 72 hours.</p>;
  const max = Math.max(...timeline.map((t) => t.events));
  return (
    <ol className="space-y-1" aria-label="Events per hour">
      {timeline.map((t) => (
        <li
          key={t.hour}
          className="grid grid-cols-[7.5rem_1fr] items-center gap-2 text-xs sm:grid-cols-[9rem_1fr_10rem]"
        >
          <span className="tabular-nums text-zinc-600">{hourFormat.format(new Date(t.hour))}</span>
          <span className="h-3 rounded bg-red-100" aria-hidden="true">
            <span
              className="block h-3 rounded bg-red-500"
              style={{ width: `${Math.max(2, (t.events / max) * 100)}%` }}
            />
          </span>
          <span className="col-span-2 tabular-nums text-zinc-700 sm:col-span-1">
            {t.events} events · {t.users} users · {t.tenants} tenants
          </span>
        </li>
      ))}
    </ol>
  );
}
