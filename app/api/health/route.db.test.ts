import pg from "pg";
import { describe, expect, it } from "vitest";

// The route under a real stall of the PostgreSQL server (a table locked by another session).
const url = process.env.TEST_DATABASE_URL;
// Never skip: a green run must mean the probe answers while the database stalls.
if (!url) throw new Error("TEST_DATABASE_URL is not set: run the data-layer tests through `npm test`.");
const testUrl: string = url;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(work: () => Promise<T>): Promise<{ value: T | undefined; ms: number }> {
  const started = performance.now();
  const value = await work().catch(() => undefined);
  return { value, ms: performance.now() - started };
}

async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testUrl });
  client.on("error", () => {});
  await client.connect();
  return client;
}

describe("GET /api/health while the database stalls", () => {
  it("answers 503 with Retry-After within two seconds instead of waiting for the database", async () => {
    process.env.DATABASE_URL = testUrl;
    const { GET } = await import("./route");
    const { getConnection } = await import("@/lib/db/client");
    const admin = await adminClient();
    try {
      expect((await GET()).status).toBe(200);
      await admin.query("begin");
      await admin.query("lock table jobs in access exclusive mode");
      const unlocked = sleep(4000).then(() => admin.query("rollback"));
      const stalled = await timed(GET);
      expect(stalled.value?.status).toBe(503);
      expect(stalled.value?.headers.get("Retry-After")).toBeTruthy();
      expect(stalled.ms).toBeLessThan(2000);
      await unlocked;
      expect((await GET()).status).toBe(200);
    } finally {
      await admin.end();
      const connection = await getConnection();
      await Promise.race([connection.close(), sleep(2000)]);
    }
  }, 30_000);
});
