import { readFileSync } from "node:fs";
import path from "node:path";

export type SampleFrame = {
  filename?: string | null;
  function?: string | null;
  module?: string | null;
  in_app?: boolean | null;
};
export type SampleException = {
  type?: string | null;
  value?: string | null;
  stacktrace?: { frames?: SampleFrame[] } | null;
};

/** A sample event with Sentry's stored (modern) key names. */
export type Sample = Record<string, unknown> & {
  platform?: string;
  culprit?: string;
  level?: string;
  message?: string;
  exception?: { values: SampleException[] };
  stacktrace?: { frames?: SampleFrame[] };
  logentry?: { message?: string };
  request?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  breadcrumbs?: { values: Record<string, unknown>[] };
  tags?: [string, string][] | Record<string, string>;
};

// Sentry's old samples use interface paths; the stored event (and so error.created) uses the aliases.
const legacyKeys: Record<string, string> = {
  "sentry.interfaces.Exception": "exception",
  "sentry.interfaces.User": "user",
  "sentry.interfaces.Http": "request",
  "sentry.interfaces.Stacktrace": "stacktrace",
  "sentry.interfaces.Message": "logentry",
  "sentry.interfaces.Breadcrumbs": "breadcrumbs",
};

// The oldest samples hold a bare exception or a list instead of `{ values: [...] }`.
function normaliseException(value: unknown): { values: SampleException[] } {
  if (Array.isArray(value)) return { values: value as SampleException[] };
  const record = value as { values?: SampleException[] };
  return record.values ? { values: record.values } : { values: [value as SampleException] };
}

/** Reads `<fixturesDir>/events/<file>` and renames legacy interface keys to the modern ones. */
export function loadSample(fixturesDir: string, file: string): Sample {
  const raw = JSON.parse(readFileSync(path.join(fixturesDir, "events", file), "utf8")) as Record<
    string,
    unknown
  >;
  const sample: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) sample[legacyKeys[key] ?? key] = value;
  if (sample.exception) sample.exception = normaliseException(sample.exception);
  return sample as Sample;
}

/** The frame Sentry blames: the most recent in-app frame, else the most recent frame. */
export function blamedFrame(frames: SampleFrame[] | undefined): SampleFrame | undefined {
  if (!frames?.length) return undefined;
  return frames.findLast((frame) => frame.in_app) ?? frames.at(-1);
}

/** Sentry-style culprit: `fn(file)` for JavaScript, `module in fn` elsewhere. */
export function culpritOf(platform: string, frame: SampleFrame | undefined): string {
  if (!frame) return "";
  const fn = frame.function ?? "?";
  if (platform === "javascript") return `${fn}(${frame.filename ?? "<unknown>"})`;
  return `${frame.module || frame.filename || "?"} in ${fn}`;
}
