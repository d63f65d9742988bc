import type { DemoIssueSpec } from "./demo-catalog";
import { blamedFrame, culpritOf, type Sample } from "./load-sample";

/** What Sentry derives from an issue's events: the same for the issue and each of its events. */
export type Summary = {
  title: string;
  culprit: string;
  location: string | null;
  level: string;
  metadata: object;
  type: string;
};

// The oldest samples name no platform; the project's ("javascript-react") starts with the SDK platform.
export function platformOf(spec: DemoIssueSpec, sample: Sample): string {
  return sample.platform ?? spec.projectPlatform.split("-")[0] ?? "other";
}

export function summarise(spec: DemoIssueSpec, sample: Sample): Summary {
  const platform = platformOf(spec, sample);
  const level = spec.level ?? sample.level ?? "error";
  const primary = sample.exception?.values.at(-1);
  const frame = blamedFrame(primary?.stacktrace?.frames ?? sample.stacktrace?.frames);
  const culprit = sample.culprit ?? culpritOf(platform, frame);
  const location = frame?.filename ?? null;
  if (!primary) {
    const message = sample.logentry?.message ?? sample.message ?? "(no message)";
    return { title: message, culprit, location, level, metadata: { title: message }, type: "default" };
  }
  const value = primary.value ?? "";
  const title = value ? `${primary.type}: ${value.split("\n")[0]}` : String(primary.type);
  const metadata = { type: primary.type, value, filename: location, function: frame?.function ?? null };
  return { title, culprit, location, level, metadata, type: "error" };
}
