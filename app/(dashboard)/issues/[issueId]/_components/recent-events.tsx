import type { ReactNode } from "react";
import { ReleaseLink, TenantLink } from "@/app/_components/page-links";
import { RelativeTime } from "@/app/_components/relative-time";
import { ScrollRegion } from "@/app/_components/scroll-region";
import type { EventSummary } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

const th = "px-2 py-1.5 font-medium";
const td = "px-2 py-1.5 align-top";
const none = <span className="text-zinc-500">—</span>;

/**
 * Latest occurrences, to spot a pattern (one tenant? one release?) before opening Sentry: a table
 * from 640 px, one stacked card per event below that, so a phone never scrolls sideways.
 */
export function RecentEvents({ events }: { events: EventSummary[] }) {
  return (
    <SectionCard
      title="Recent events"
      aside={<span className="text-xs text-zinc-500">{events.length} shown</span>}
    >
      {events.length === 0 ? (
        <p className="text-sm text-zinc-500">No events stored for this issue yet.</p>
      ) : (
        <>
          <ul aria-label="Recent events" className="space-y-2 sm:hidden">
            {events.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
          <ScrollRegion label="Recent events table" className="hidden sm:block">
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
        </>
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
      <td className={`${td} truncate`} title={event.tenantId ?? undefined}>
        {event.tenantId ? <TenantLink tenant={event.tenantId} /> : none}
      </td>
      <td className={`${td} truncate`} title={event.roles.join(", ")}>
        {event.roles.length > 0 ? event.roles.join(", ") : none}
      </td>
      <td className={`${td} truncate`} title={event.release ?? undefined}>
        {event.release ? <ReleaseLink release={event.release} /> : none}
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

/** One event on a phone: the message first, then who and where as labelled lines, nothing cut. */
function EventCard({ event }: { event: EventSummary }) {
  const message = describeEvent(event);
  const facts: [string, ReactNode][] = [
    ["User", event.userId],
    ["Tenant", event.tenantId && <TenantLink tenant={event.tenantId} />],
    ["Roles", event.roles.length > 0 ? event.roles.join(", ") : null],
    ["Release", event.release && <ReleaseLink release={event.release} />],
    ["Env", event.environment],
    ["Trace", event.traceId && <span className="font-mono break-all">{event.traceId}</span>],
  ];
  return (
    <li data-testid="event-card" className="rounded-md border border-zinc-200 p-2 text-xs text-zinc-700">
      <p className="break-words font-medium text-zinc-900">{message ?? "No message"}</p>
      <p className="text-zinc-600">
        <RelativeTime value={event.occurredAt} />
      </p>
      <dl className="mt-1 grid grid-cols-[4.5rem_minmax(0,1fr)] gap-x-2 gap-y-0.5">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-zinc-600">{label}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
      </dl>
    </li>
  );
}

/** Prefer the exception ("TypeError: x is undefined"); fall back to a logged message. */
function describeEvent(event: EventSummary): string | null {
  if (event.exceptionType || event.exceptionValue) {
    return [event.exceptionType, event.exceptionValue].filter(Boolean).join(": ");
  }
  return event.message;
}
