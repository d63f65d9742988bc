import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { webhookResources } from "./index";

// Every real payload in the shared fixtures must be accepted by its resource's schema: a schema
// that refuses a real delivery answers Sentry 400 and loses it. Two of Sentry's documented
// examples are not JSON at all (trailing commas); they must be refused, and once repaired
// their shape must still be accepted.

const dir = path.join(
  process.env.SIFT_FIXTURES_DIR ?? path.resolve(process.cwd(), "../shared/sentry/fixtures"),
  "webhooks",
);
const files = readdirSync(dir).filter((name) => name.startsWith("webhook-"));
const nameParts = (file: string) => {
  const match = /^webhook-([a-z_]+)-([a-z_]+)\.(json|VERBATIM-INVALID-JSON\.txt)$/.exec(file);
  if (!match) throw new Error(`unexpected fixture name ${file}`);
  return { resource: match[1] as string, action: match[2] as string, valid: match[3] === "json" };
};
const schemaOf = (resource: string) => {
  const handler = Object.hasOwn(webhookResources, resource) ? webhookResources[resource] : undefined;
  if (!handler) throw new Error(`no webhook resource "${resource}"`);
  return handler.schema;
};
// The only repair: drop the trailing commas Sentry's examples carry.
const repaired = (text: string) => JSON.parse(text.replace(/,(\s*[}\]])/g, "$1"));

describe("every webhook fixture against its resource's schema", () => {
  it("finds the fixtures, valid and invalid ones", () => {
    expect(files.filter((f) => nameParts(f).valid).length).toBeGreaterThanOrEqual(10);
    expect(files.filter((f) => !nameParts(f).valid).length).toBeGreaterThanOrEqual(2);
  });

  it.each(files.filter((f) => nameParts(f).valid))("accepts %s", (file) => {
    const { resource, action } = nameParts(file);
    const payload = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const parsed = schemaOf(resource).safeParse(payload);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.action).toBe(action);
  });

  it.each(files.filter((f) => !nameParts(f).valid))(
    "%s is not JSON, and its repaired shape is accepted",
    (file) => {
      const { resource, action } = nameParts(file);
      const text = readFileSync(path.join(dir, file), "utf8");
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      const parsed = schemaOf(resource).safeParse(repaired(text));
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data?.action).toBe(action);
    },
  );
});
