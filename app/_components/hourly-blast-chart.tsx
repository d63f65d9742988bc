"use client";

import {
  Area,
  AreaChart,
  Tooltip,
  type TooltipContentProps,
  type TooltipValueType,
  XAxis,
  YAxis,
} from "recharts";
import { plural } from "@/lib/analysis/plural";
import { Count } from "./count";
import { formatHourLabel, formatHourTick } from "./format-date";

export type HourBucket = { hour: string; events: number; users: number; tenants: number };

const series = [
  { key: "events", label: "Events", tone: "text-red-600" },
  { key: "users", label: "Users", tone: "text-amber-600" },
  { key: "tenants", label: "Tenants", tone: "text-sky-700" },
] as const;

const hourLabel = formatHourLabel;

/**
 * Events, users and tenants per hour as three small charts on one time axis (their scales differ
 * by orders of magnitude, so one chart would flatten two of them), with the shape put into words
 * for screen readers and the hours as a table on request. Colours come from Tailwind classes via
 * currentColor, so a dark theme recolours them with the rest of the page.
 */
export function HourlyBlastChart({ timeline, testId }: { timeline: HourBucket[]; testId?: string }) {
  if (timeline.length === 0) return <p className="text-sm text-zinc-500">No events in this window.</p>;
  const total = timeline.reduce((sum, b) => sum + b.events, 0);
  const summary = summariseHours(timeline);
  const syncId = `blast-${testId ?? "chart"}`;
  return (
    <figure
      data-testid={testId}
      data-hours={timeline.length}
      data-events={total}
      className="min-w-0 space-y-2"
    >
      {/* The charts are a picture of the summary below: screen readers get the words and the table. */}
      <div aria-hidden="true" data-testid="blast-chart" className="space-y-1 text-zinc-500">
        {series.map((s, index) => (
          <div key={s.key} className="grid grid-cols-[4rem_minmax(0,1fr)] items-center gap-2">
            <span className="text-xs text-zinc-600">{s.label}</span>
            <AreaChart
              responsive
              data={timeline}
              syncId={syncId}
              accessibilityLayer={false}
              style={{ width: "100%", height: index === series.length - 1 ? 72 : 52 }}
              margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
            >
              <XAxis
                dataKey="hour"
                hide={index !== series.length - 1}
                tickFormatter={formatHourTick}
                tick={{ fill: "currentColor", fontSize: 10 }}
                stroke="currentColor"
                minTickGap={24}
              />
              <YAxis
                width={36}
                allowDecimals={false}
                tick={{ fill: "currentColor", fontSize: 10 }}
                stroke="currentColor"
                tickCount={3}
              />
              <Tooltip content={HourTooltip} cursor={{ stroke: "currentColor" }} />
              <Area
                className={s.tone}
                dataKey={s.key}
                type="stepAfter"
                stroke="currentColor"
                fill="currentColor"
                fillOpacity={0.2}
                isAnimationActive={false}
              />
            </AreaChart>
          </div>
        ))}
      </div>
      <figcaption data-testid="blast-chart-summary" className="text-xs text-zinc-600">
        {summary}
      </figcaption>
      <details className="text-xs">
        <summary className="cursor-pointer text-zinc-700 hover:text-zinc-900">
          Hourly numbers as a table
        </summary>
        <div className="mt-2 max-h-64 overflow-y-auto">
          <table data-testid="blast-chart-table" className="w-full tabular-nums">
            <caption className="sr-only">Events, users and tenants per hour (UTC)</caption>
            <thead className="sticky top-0 bg-white text-left text-zinc-600">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Hour
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {timeline.map((b) => (
                <tr key={b.hour} className="border-t border-zinc-100 text-zinc-700">
                  <th scope="row" className="py-0.5 text-left font-normal">
                    {hourLabel(b.hour)}
                  </th>
                  <td className="text-right">{b.events}</td>
                  <td className="text-right">{b.users}</td>
                  <td className="text-right">{b.tenants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function summariseHours(timeline: HourBucket[]) {
  const first = timeline[0] as HourBucket;
  const last = timeline.at(-1) as HourBucket;
  const total = timeline.reduce((sum, b) => sum + b.events, 0);
  const peak = timeline.reduce((max, b) => (b.events > max.events ? b : max), first);
  const maxUsers = Math.max(...timeline.map((b) => b.users));
  const maxTenants = Math.max(...timeline.map((b) => b.tenants));
  return (
    <>
      <Count value={total} /> events over {timeline.length} hours ({hourLabel(first.hour)} to{" "}
      {hourLabel(last.hour)}
      ). Busiest hour {hourLabel(peak.hour)}: <Count value={peak.events} /> events,{" "}
      <Count value={peak.users} /> users, <Count value={peak.tenants} /> tenants. At most{" "}
      <Count value={maxUsers} /> users and <Count value={maxTenants} /> tenants in one hour; the latest hour
      had <Count value={last.events} /> events.
    </>
  );
}

function HourTooltip({ active, payload, label }: TooltipContentProps<TooltipValueType, string | number>) {
  if (!active || !payload?.length) return null;
  const bucket = payload[0]?.payload as HourBucket | undefined;
  if (!bucket) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs text-zinc-800 shadow-sm">
      <p className="font-medium">{hourLabel(String(label))}</p>
      <p>
        {plural(bucket.events, "event")} · {plural(bucket.users, "user")} · {plural(bucket.tenants, "tenant")}
      </p>
    </div>
  );
}
