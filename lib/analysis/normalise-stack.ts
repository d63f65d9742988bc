import { guessInApp } from "./guess-in-app";
import { toMessageTemplate } from "./message-template";
import { normaliseFilename } from "./normalise-filename";
import type { Frame, NormalisedStack, RawEvent, RawFrame } from "./types";

const UNKNOWN_FUNCTIONS = new Set(["?", "<anonymous>"]);

function normaliseFunction(name: string | null | undefined): string | null {
  const trimmed = (name ?? "").trim();
  return trimmed && !UNKNOWN_FUNCTIONS.has(trimmed) ? trimmed : null;
}

function orNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed || null;
}

// A native frame has no module, only the binary image it ran in ("UIKitCore", "/usr/lib/libc.so"):
// that image is what rules and similarity can compare.
function moduleOf(raw: RawFrame): string | null {
  const module = orNull(raw.module);
  if (module) return module;
  const image = orNull(raw.package);
  return image && raw.filename == null && raw.absPath == null ? (image.split(/[\\/]/).at(-1) ?? null) : null;
}

// These SDKs mark a frame in-app only when it is in a package the app configured (Java's and
// Android's inAppIncludes, Elixir's in_app_module_allow_list), so all-false there means "not
// configured"; other SDKs mark the app's frames on their own. Old SDKs sent no platform at all.
const IN_APP_ONLY_WHEN_CONFIGURED = new Set(["java", "elixir"]);

function trustsSdkInApp(event: RawEvent): boolean {
  const verdicts = event.exceptions.flatMap((e) => e.frames.map((f) => f.inApp));
  if (verdicts.includes(true)) return true;
  const platform = event.platform?.toLowerCase() ?? null;
  return verdicts.includes(false) && platform !== null && !IN_APP_ONLY_WHEN_CONFIGURED.has(platform);
}

/**
 * Normalises one event's stacks into comparable frames. Every exception of a chain is kept, in
 * Sentry's order: the oldest, innermost cause first and the primary (outermost, the one the issue
 * is titled by) last, each exception's frames oldest call first; `frames` is all of them in that
 * order, so its last frame is where the primary was raised. The primary supplies the type, value
 * and message template (else the event message). In-app is the SDK's verdict when it marked a
 * frame in-app, or marked frames at all on a platform whose SDK does so on its own; otherwise (no
 * verdicts, or all false from an SDK that needs configuring) every frame is guessed (guessInApp).
 * O(frames).
 */
export function normaliseStack(event: RawEvent): NormalisedStack {
  const primary = event.exceptions.at(-1);
  const sdkMarkedInApp = trustsSdkInApp(event);
  const toFrame = (raw: RawFrame): Frame => ({
    filename: normaliseFilename(raw.filename, raw.absPath),
    function: normaliseFunction(raw.function),
    module: moduleOf(raw),
    lineNo: typeof raw.lineNo === "number" ? raw.lineNo : null,
    inApp: sdkMarkedInApp ? raw.inApp === true : guessInApp(raw, event.platform),
  });
  const exceptions = event.exceptions.map((e) => ({
    type: orNull(e.type),
    value: orNull(e.value),
    frames: e.frames.map(toFrame),
  }));
  const frames = exceptions.flatMap((e) => e.frames);
  const exceptionValue = orNull(primary?.value);
  return {
    frames,
    inAppFrames: frames.filter((f) => f.inApp),
    exceptions,
    exceptionType: orNull(primary?.type),
    exceptionValue,
    messageTemplate: toMessageTemplate(exceptionValue ?? event.message),
  };
}
