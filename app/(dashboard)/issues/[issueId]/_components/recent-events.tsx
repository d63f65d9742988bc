import { RelativeTime } from "@/app/_components/relative-time";
import { ScrollRegion } from "@/app/_components/scroll-region";
import type { EventSummary } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

const th = "px-2 py-1.5 font-medium";
const td = "px-2 py-1.5 align-top";
const none = <span className="text-zinc-500">—</span>;

/** Latest occurrences, to spot a pattern (one tenant? one release?) before opening Sentry. */
export function RecentEvents({ events }: { events: EventSummary[] }) {
  return (
    <SectionCard
      title="Recent events"
      aside={<span className="text-xs text-zinc-500">{events.length} shown</span>}
    >
      {events.length === 0 ? (
        <p className="text-sm text-zinc-500">No events stored for this issue yet.</p>
      ) : (
        <ScrollRegion label="Recent events table">
          <table aria-label="Recent events" className="w-full min-w-[56rem] table-fixed text-xs">
            <colgroup>
              <col className="w-24" />
              <col className="w-28" />
              <col className="w-28" />
              <col className="w-32" />
              <col className="w-28" />
              <col className="w-20" />
              <col className="w-24" />
              <col />
            </colgroup>
            <thead className="bg-zinc-50 text-left text-zinc-500">
              <tr>
                <th scope="col" className={th}>
                  Time
                </th>
                <th scope="col" className={th}>
                  User
                </th>
                <th scope="col" className={th}>
                  Tenant
                </th>
                <th scope="col" className={th}>
                  Roles
                </th>
                <th scope="col" className={th}>
                  Release
                </th>
                <th scope="col" className={th}>
                  Env
                </th>
                <th scope="col" className={th}>
                  Trace
                </th>
                <th scope="col" className={th}>
                  Message
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </SectionCard>
  );
}

function EventRow({ event }: { event: EventSummary }) {
  const message = describeEvent(event);
  return (
    <tr className="border-t border-zinc-100 text-zinc-700">
      <td className={`${td} whitespace-nowrap`}>
        <RelativeTime value={event.occurredAt} />
      </td>
      <td className={`${td} truncate`} title={event.userId ?? undefined}>
        {event.userId ?? none}
      </td>
      <td className={`${td} truncate font-mono`} title={event.tenantId ?? undefined}>
        {event.tenantId ?? none}
      </td>
      <td className={`${td} truncate`} title={event.roles.join(", ")}>
        {event.roles.length > 0 ? event.roles.join(", ") : none}
      </td>
      <td className={`${td} truncate font-mono`} title={event.release ?? undefined}>
        {event.release ?? none}
      </td>
      <td className={`${td} truncate`}>{event.environment ?? none}</td>
      <td className={`${td} font-mono`} title={event.traceId ?? undefined}>
        {/* 8 hex chars are enough to match a trace by eye; the full id is on hover. */}
        {event.traceId ? `${event.traceId.slice(0, 8)}…` : none}
      </td>
      <td className={`${td} truncate`} title={message ?? undefined}>
        {message ?? none}
      </td>
    </tr>
  );
}

/** Prefer the exception ("TypeError: x is undefined"); fall back to a logged message. */
function describeEvent(event: EventSummary): string | null {
  if (event.exceptionType || event.exceptionValue) {
    return [event.exceptionType, event.exceptionValue].filter(Boolean).join(": ");
  }
  return event.message;
}
