import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The pages' first load must stay small (docs/benchmarks.md: the list page under 200 KB of
// gzipped JavaScript): zod (~30 KB) and the Sentry SDK (~60 KB) are not part of it. Zod stays at
// the server's edges, and the SDK comes in through a dynamic import after the first screen
// (lib/observability/browser-sentry.ts). This walks the static imports from every module the
// browser loads (the "use client" files and instrumentation-client.ts), as the bundler would.

const root = path.resolve(import.meta.dirname, "..");
const forbidden = /^(zod|@sentry\/)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? path.join(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (/\.tsx?$/.test(candidate) && existsSync(path.join(root, candidate))) return candidate;
  return null;
}

/** Static value imports and re-exports (`import type` is erased; `import()` is a later chunk). */
function importsOf(file: string): string[] {
  const source = readFileSync(path.join(root, file), "utf8");
  const pattern = /^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+"([^"]+)"|^import\s+"([^"]+)"/gms;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? "");
}

/** Each forbidden import the browser's first load reaches, with the chain that reaches it. */
function forbiddenImports(entries: string[]): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (forbidden.test(specifier)) found.push([specifier, file, ...chain].join(" ← "));
      const next = resolveImport(file, specifier);
      if (next) walk(next, [file, ...chain]);
    }
  };
  for (const entry of entries) walk(entry, []);
  return found;
}

const browserEntries = () => [
  "instrumentation-client.ts",
  ...[...sourceFiles("app"), ...sourceFiles("lib")].filter((file) =>
    /^["']use client["']/m.test(readFileSync(path.join(root, file), "utf8")),
  ),
];

describe("the browser's first load", () => {
  it("finds the client modules", () => {
    const entries = browserEntries();
    expect(entries).toContain("app/providers.tsx");
    expect(entries).toContain("app/(dashboard)/issues/_components/issue-list.tsx");
  });

  it("imports neither zod nor the Sentry SDK", () => {
    expect(forbiddenImports(browserEntries())).toEqual([]);
  });

  it("would see one if a client module imported it", () => {
    // The server's Sentry options import the SDK: reaching them from a client module must show.
    expect(forbiddenImports(["lib/observability/browser-sentry-sdk.ts"])).toContain(
      "@sentry/nextjs ← lib/observability/browser-sentry-sdk.ts",
    );
    expect(forbiddenImports(["lib/query/api-fetch.ts", "lib/contracts/issues.ts"])).toContain(
      "zod ← lib/contracts/issues.ts",
    );
  });

  // The Pages Router webhook cannot import modules marked "server-only" (the marker throws outside
  // the App Router's server graph), so these dropped it: reaching any of them from the browser
  // reaches zod or the Sentry SDK, and fails the test above instead.
  it.each([
    "lib/env.ts",
    "lib/db/client.ts",
    "lib/http/api-error.ts",
    "lib/http/read-raw-body.ts",
    "lib/sentry/delivery-settings.ts",
  ])("would see a client module reach %s, which is server code without the marker", (file) => {
    expect(forbiddenImports([file])).not.toEqual([]);
  });
});
