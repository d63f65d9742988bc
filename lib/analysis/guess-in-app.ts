import type { RawFrame } from "./types";

// Where an SDK left in-app unset, or set it false on every frame (the Java, Android and Elixir
// SDKs and raven-python do until the app's packages are configured), a frame is guessed to be the
// app's own unless one of these says it belongs to a runtime, a framework or a dependency. These
// follow the defaults of Sentry's own stack-trace rules and SDKs; a wrong guess costs little
// (owner rules and similarity get one more frame), no guess leaves them nothing to hold on to.

// Dependency and runtime folders, on any platform (paths compared with forward slashes).
const THIRD_PARTY_PATH = new RegExp(
  [
    /(?:^|\/)(?:node_modules|bower_components|site-packages|dist-packages|vendor)\//,
    /(?:^|\/)\.?(?:virtualenvs|venv|virtualenv)\//, // Python virtualenvs
    /(?:^|\/)lib\/python\d/, // a Python install's standard library
    /\/gems\/|(?:^|\/)lib\/ruby\//, // Ruby gems and standard library
    /\/go\/pkg\/mod\/|\/usr\/local\/go\/src\//, // Go module cache and GOROOT
    /(?:^|\/)\.cargo\/registry\//, // Rust crates
    /^\/usr\/(?:local\/)?lib\/|^\/System\/Library\/|^\/Library\/Frameworks\//, // system libraries
    /^node:|^internal\/|^webpack\/bootstrap/, // Node's own modules and the webpack runtime
    /^<frozen /, // CPython's frozen standard library
  ]
    .map((re) => re.source)
    .join("|"),
  "i",
);

// Module prefixes of runtimes and common frameworks: JVM (Java, Kotlin, Android, Scala), .NET.
const THIRD_PARTY_MODULE =
  /^(?:java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|android|androidx|com\.android|dalvik|libcore|com\.google\.android|org\.apache|org\.springframework|org\.hibernate|io\.netty|okhttp3|okio|retrofit2|System|Microsoft|Mono)\./;

// Erlang/OTP modules are bare lowercase atoms; Elixir's standard library is a known set.
const ELIXIR_STDLIB =
  /^Elixir\.(?:Kernel|Enum|Stream|Task|GenServer|Agent|Supervisor|Process|Map|List|String|Keyword|Registry|DynamicSupervisor|Code|Module)(?:\.|$)/;

// Apple's system frameworks and libraries, by image name or path, and the Sentry Cocoa SDK.
const APPLE_SYSTEM_IMAGE =
  /^(?:\/System\/Library\/|\/usr\/lib\/)|\.dylib$|^(?:UIKit|UIKitCore|Foundation|CoreFoundation|GraphicsServices|QuartzCore|CoreGraphics|CFNetwork|WebKit|SwiftUI|AppKit|Combine|libswiftCore|Sentry)$/;

const slashes = (path: string) => path.replace(/\\/g, "/");

function isGoStandardLibrary(module: string): boolean {
  // Go's standard packages have no dot in their first path element ("net/http", "runtime").
  const first = module.split("/")[0] ?? "";
  return module !== "main" && !first.includes(".");
}

/**
 * Guesses whether a frame is the app's own code, from its paths, module and binary image, for
 * frames whose SDK gave no usable verdict. `platform` is the event's (or the frame's own) SDK
 * platform: Go modules and Erlang atoms are only read as standard library on their platforms.
 * Pure and O(length of the frame's strings).
 */
export function guessInApp(frame: RawFrame, platform: string | null): boolean {
  const paths = [frame.filename, frame.absPath].filter((p): p is string => Boolean(p)).map(slashes);
  if (paths.some((p) => THIRD_PARTY_PATH.test(p))) return false;
  const module = frame.module?.trim() ?? "";
  if (module && THIRD_PARTY_MODULE.test(module)) return false;
  const family = (frame.platform ?? platform ?? "").toLowerCase();
  if (family === "go" && module && isGoStandardLibrary(module)) return false;
  if (family === "elixir" || module.startsWith("Elixir.") || /\.erl$/.test(frame.filename ?? "")) {
    if (ELIXIR_STDLIB.test(module) || /^[a-z][a-z0-9_]*$/.test(module)) return false;
  }
  const image = frame.package?.trim();
  if (image && APPLE_SYSTEM_IMAGE.test(image)) return false;
  return true;
}
