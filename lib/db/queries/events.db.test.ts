import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import type { Database } from "../connect";
import { issueIdentities } from "../schema";
import { insertEvent, listIssueIdentities } from "./events";
import { getIssueSummary, upsertIssue } from "./issues";
import { upsertProject } from "./projects";
import { rebuildIssueRollups } from "./rollups";

let n = 0;
function event(issueId: string, userId: string | null, tenantId: string | null, roles: string[] = []) {
  n += 1;
  return {
    id: n.toString(16).padStart(32, "0"),
    issueId,
    projectId: "1",
    occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)),
    userId,
    tenantId,
    roles,
    tags: {},
    frames: [],
  };
}

async function seedIssues(db: Database, ...ids: string[]) {
  await upsertProject(db, { id: "1", slug: "web", name: "Web", platform: "javascript" });
  for (const id of ids) {
    const seen = new Date(Date.UTC(2026, 10, 1));
    await upsertIssue(db, { id, projectId: "1", title: `Issue ${id}`, firstSeen: seen, lastSeen: seen });
  }
}

describeOnEachDatabase("event rollups", (db) => {
  it("counts events, distinct users and distinct tenants on the issue as events are stored", async () => {
    await seedIssues(db(), "10", "11");
    const batch = [
      event("10", "u1", "acme", ["admin"]),
      event("10", "u1", "acme", ["admin"]),
      event("10", "u2", "acme"),
      event("10", null, "globex"),
      event("10", null, null),
      event("11", "u1", "acme"),
    ];
    for (const e of batch) expect(await insertEvent(db(), e)).toBe(true);
    // A redelivered event changes nothing.
    expect(await insertEvent(db(), batch[0] as (typeof batch)[0])).toBe(false);
    expect(await getIssueSummary(db(), "10")).toMatchObject({ eventCount: 5, userCount: 2, tenantCount: 2 });
    expect(await getIssueSummary(db(), "11")).toMatchObject({ eventCount: 1, userCount: 1, tenantCount: 1 });
    const identities = await listIssueIdentities(db(), "10");
    expect(identities).toHaveLength(4);
    expect(identities).toEqual(
      expect.arrayContaining([
        { userId: "u1", tenantId: "acme", roles: ["admin"], events: 2 },
        { userId: "u2", tenantId: "acme", roles: [], events: 1 },
        { userId: null, tenantId: "globex", roles: [], events: 1 },
        { userId: null, tenantId: null, roles: [], events: 1 },
      ]),
    );
  });

  it("keys identities exactly as a rebuild from the events table does", async () => {
    await seedIssues(db(), "12");
    const batch = [
      event("12", "u1", "t1", ["a", "b"]),
      event("12", "", null),
      event("12", null, ""),
      event("12", null, null),
    ];
    for (const e of batch) await insertEvent(db(), e);
    const snapshot = async () =>
      (await db().select().from(issueIdentities).orderBy(issueIdentities.identityKey)).map((r) => ({ ...r }));
    const incremental = await snapshot();
    const summary = await getIssueSummary(db(), "12");
    await rebuildIssueRollups(db());
    expect(await snapshot()).toEqual(incremental);
    expect(await getIssueSummary(db(), "12")).toEqual(summary);
    // "" and null are different identities.
    expect(incremental).toHaveLength(4);
  });
});
