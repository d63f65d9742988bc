import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

// lib/env parses process.env when first imported: each case imports a fresh copy.
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function loadWith(values: Record<string, string>) {
  Object.assign(process.env, values);
  vi.resetModules();
  return (await import("./env")).env;
}

describe("OIDC_ALGORITHMS", () => {
  it("defaults to RS256, ES256 and PS256", async () => {
    delete process.env.OIDC_ALGORITHMS;
    expect((await loadWith({})).OIDC_ALGORITHMS).toEqual(["RS256", "ES256", "PS256"]);
  });

  it.each(["none", "HS256", "RS256,hs512", " "])("refuses %j at start", async (value) => {
    await expect(loadWith({ OIDC_ALGORITHMS: value })).rejects.toThrow(/OIDC_ALGORITHMS/);
  });

  it("takes the clock skew and refetch window from the environment", async () => {
    const env = await loadWith({ OIDC_CLOCK_SKEW_SECONDS: "5", OIDC_JWKS_REFETCH_SECONDS: "60" });
    expect([env.OIDC_CLOCK_SKEW_SECONDS, env.OIDC_JWKS_REFETCH_SECONDS]).toEqual([5, 60]);
  });
});

describe("documentation", () => {
  // NODE_ENV is Node's and Next's own, set by the commands, not by an operator.
  const operatorKeys = async () => (await import("./env")).ENV_KEYS.filter((key) => key !== "NODE_ENV");

  it("every setting has a row in the README's table", async () => {
    // The first cell of each row of the Configuration section's table names one or more settings.
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const start = readme.indexOf("\n## Configuration");
    const named = readme
      .slice(start, readme.indexOf("\n## ", start + 1))
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split(" | ")[0] ?? "");
    const undocumented = (await operatorKeys()).filter(
      (key) => !named.some((cell) => cell.includes(`\`${key}\``)),
    );
    expect(undocumented).toEqual([]);
  });

  it("every setting is in .env.example", async () => {
    const example = readFileSync(path.join(root, ".env.example"), "utf8");
    const missing = (await operatorKeys()).filter((key) => !new RegExp(`^${key}=`, "m").test(example));
    expect(missing).toEqual([]);
  });
});
