// Dates written out rather than made with Intl.DateTimeFormat: the first Intl object a page makes
// loads ICU's locale data, 30–75 ms of the main thread in Chromium (docs/benchmarks.md, "The list
// page's first paint: ICU and the date inputs"). The unit tests compare each with Intl's "en" form.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const twoDigits = (value: number) => String(value).padStart(2, "0");

/** "Nov 1, 2026" in the reader's zone: Intl's "en" { day: "numeric", month: "short", year: "numeric" }. */
export function formatCalendarDate(date: Date): string {
  return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${date.getFullYear()}`;
}

/** "Nov 1, 02:00 PM UTC": an hour bucket as Intl's "en" month, day and 2-digit 12-hour time in UTC. */
export function formatHourLabel(iso: string): string {
  const date = new Date(iso);
  const hours = date.getUTCHours();
  const clock = `${twoDigits(hours % 12 || 12)}:${twoDigits(date.getUTCMinutes())} ${hours < 12 ? "AM" : "PM"}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${clock} UTC`;
}

/**
 * "00:00"–"23:59" in UTC, for a chart's axis. (Intl's "en" with `hour12: false` wrote midnight as
 * "24:00".)
 */
export function formatHourTick(iso: string): string {
  const date = new Date(iso);
  return `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`;
}
