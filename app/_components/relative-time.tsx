"use client";

import { useSyncExternalStore } from "react";
import { afterFirstScreenShown } from "./first-screen-shown";
import { formatCalendarDate } from "./format-date";

/** One shared clock for every timestamp on screen, so a 100-row table doesn't run 100 intervals. */
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** "just now", "3 min ago", "5 h ago", "2 d ago", then a calendar date. */
export function formatRelativeTime(date: Date, reference: number): string {
  const seconds = Math.round((reference - date.getTime()) / 1000);
  // Small clock skew between Sentry, the server and the browser can put timestamps in the future.
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days} d ago`;
  return formatCalendarDate(date);
}

/** The browser's time zone by name, e.g. "Europe/Berlin"; UTC when it does not say. */
function zoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// Making an Intl.DateTimeFormat costs far more than formatting with one: making two for each of a
// list page's timestamps took 80–140 ms of its first render (a Chromium CPU profile of the page
// bench:ui loads, at load average 6–7). One formatter per zone, the zone read once per clock tick,
// serve every timestamp on screen.
const exactFormats = new Map<string, Intl.DateTimeFormat>();
let zone: { name: string; readAt: number } | undefined;

function currentZone(): string {
  if (zone?.readAt !== now) zone = { name: zoneName(), readAt: now };
  return zone.name;
}

/** "1 Nov 2026, 13:05:09 CET (Europe/Berlin)": the exact time in the reader's zone, named twice over. */
export function formatExactTime(date: Date): string {
  const name = currentZone();
  let format = exactFormats.get(name);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "long", timeZone: name });
    exactFormats.set(name, format);
  }
  return `${format.format(date)} (${name})`;
}

/**
 * The exact time in the reader's zone needs Intl, and the first Intl object a page makes loads ICU's
 * locale data: 30–75 ms of the main thread in Chromium (docs/benchmarks.md, "The list page's first
 * paint: ICU and the date inputs"), which a list's first render paid before its rows could show. So the zone's formats are
 * made once the page is idle after its first paint; until then the exact time is given in UTC.
 */
let zoneFormats: "pending" | "scheduled" | "ready" = "pending";
const zoneListeners = new Set<() => void>();

function makeZoneFormats() {
  formatExactTime(new Date());
  zoneFormats = "ready";
  for (const notify of zoneListeners) notify();
}

function subscribeZoneFormats(listener: () => void) {
  zoneListeners.add(listener);
  if (zoneFormats === "pending") {
    zoneFormats = "scheduled";
    // Once the first screen is shown, and then when idle: the main thread is idle while that frame
    // is rastered, and an idle callback ran then, on the same two cores. Safari has no idle callbacks.
    afterFirstScreenShown(() => {
      if (typeof requestIdleCallback === "function") requestIdleCallback(makeZoneFormats, { timeout: 2000 });
      else setTimeout(makeZoneFormats, 200);
    });
  }
  return () => {
    zoneListeners.delete(listener);
  };
}

const zoneFormatsReady = () => zoneFormats === "ready";

/**
 * Relative time for scanning; the exact time, with its zone named, is on hover and in the text
 * screen readers get (a title alone is not reliably announced).
 */
export function RelativeTime({ value, className }: { value: string; className?: string }) {
  // The server snapshot is null so SSR renders the stable ISO form and never mismatches on hydration.
  const reference = useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
  const zoneReady = useSyncExternalStore(subscribeZoneFormats, zoneFormatsReady, () => false);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  const iso = date.toISOString();
  if (reference === null) {
    return (
      <time dateTime={iso} title={`${iso} (UTC)`} className={className}>
        {iso}
      </time>
    );
  }
  const exact = zoneReady ? formatExactTime(date) : `${iso} (UTC)`;
  return (
    <time dateTime={iso} title={exact} className={className}>
      <span aria-hidden>{formatRelativeTime(date, reference)}</span>
      <span className="sr-only">
        {formatRelativeTime(date, reference)}, {exact}
      </span>
    </time>
  );
}
