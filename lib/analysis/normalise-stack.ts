import { toMessageTemplate } from "./message-template";
import { normaliseFilename } from "./normalise-filename";
import type { Frame, NormalisedStack, RawEvent, RawException, RawFrame } from "./types";

// Used only when the SDK marked no frame at all: third-party code lives under these paths.
const VENDORED_PATH =
  /(?:^|\/)(?:node_modules|site-packages|dist-packages|vendor)\/|^\/usr\/(?:local\/)?lib\/|\/go\/pkg\/mod\//i;
const UNKNOWN_FUNCTIONS = new Set(["?", "<anonymous>"]);

function normaliseFunction(name: string | null | undefined): string | null {
  const trimmed = (name ?? "").trim();
  return trimmed && !UNKNOWN_FUNCTIONS.has(trimmed) ? trimmed : null;
}

function orNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed || null;
}

function isVendored(frame: RawFrame): boolean {
  const paths = [frame.filename, frame.absPath].filter((p): p is string => Boolean(p));
  return paths.some((p) => VENDORED_PATH.test(p.replace(/\\/g, "/")));
}

// Chained exceptions sometimes carry the stack only on an inner value (or none on the outer one);
// walking inwards from the primary keeps the frames closest to what the user saw.
function stackOwner(exceptions: RawException[]): RawException | undefined {
  for (let i = exceptions.length - 1; i >= 0; i--) {
    const exception = exceptions[i];
    if (exception && exception.frames.length > 0) return exception;
  }
  return undefined;
}

/**
 * Normalises one event's stack into comparable frames (oldest first, as Sentry sends them).
 * The primary exception is the last in `event.exceptions`; if it has no frames, the nearest inner
 * exception that has some supplies them. `inApp` is the SDK's verdict; only when no frame in the
 * whole event carries one are frames outside vendored paths treated as in-app. The message
 * template comes from the primary exception's value, else the event message. O(frames).
 */
export function normaliseStack(event: RawEvent): NormalisedStack {
  const primary = event.exceptions.at(-1);
  const sdkMarkedInApp = event.exceptions.some((e) => e.frames.some((f) => typeof f.inApp === "boolean"));
  const frames: Frame[] = (stackOwner(event.exceptions)?.frames ?? []).map((raw) => ({
    filename: normaliseFilename(raw.filename, raw.absPath),
    function: normaliseFunction(raw.function),
    module: orNull(raw.module),
    lineNo: typeof raw.lineNo === "number" ? raw.lineNo : null,
    inApp: sdkMarkedInApp ? raw.inApp === true : !isVendored(raw),
  }));
  const exceptionValue = orNull(primary?.value);
  return {
    frames,
    inAppFrames: frames.filter((f) => f.inApp),
    exceptionType: orNull(primary?.type),
    exceptionValue,
    messageTemplate: toMessageTemplate(exceptionValue ?? event.message),
  };
}
