import { expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { insertEventsBulk, insertIssuesBulk, insertProjectsBulk } from "./bulk-load";
import type { NewEvent } from "./events";
import { getPipelineHealth } from "./health";
import { getIssueSummary } from "./issues";
import { queueAnalysisOfUnanalysedIssues } from "./jobs";
import { rebuildIssueRollups } from "./rollups";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));

function event(id: string, issueId: string, minute: number, tenant: string): NewEvent {
  return {
    id,
    issueId,
    projectId: "p1",
    occurredAt: at(minute),
    userId: `user-${id}`,
    tenantId: tenant,
    roles: ["member"],
    tags: {},
    frames: [],
  };
}

describeOnEachDatabase("bulk load", (db) => {
  it("writes many rows a statement, skips stored ids, and the rollups rebuilt from them count exactly", async () => {
    await insertProjectsBulk(db(), [{ id: "p1", slug: "web", name: "Web", platform: "javascript" }]);
    const issues = Array.from({ length: 2_050 }, (_, i) => ({
      id: String(i + 1),
      projectId: "p1",
      title: `Error ${i}`,
      firstSeen: at(0),
      lastSeen: at(i % 50),
    }));
    await insertIssuesBulk(db(), issues);
    // More rows than one statement takes, and a repeat of the first ones.
    const events = Array.from({ length: 2_050 }, (_, i) =>
      event(`e${i}`, String((i % 3) + 1), i % 60, `t${i % 7}`),
    );
    await insertEventsBulk(db(), events);
    await insertEventsBulk(db(), events.slice(0, 10));
    await rebuildIssueRollups(db());

    const first = await getIssueSummary(db(), "1");
    expect(first?.eventCount).toBe(684);
    expect(first?.tenantCount).toBe(7);
    expect((await getIssueSummary(db(), "2050"))?.eventCount).toBe(0);
  });

  it("queues analyses of the newest unanalysed issues only, once", async () => {
    await insertProjectsBulk(db(), [{ id: "p1", slug: "web", name: "Web", platform: "javascript" }]);
    await insertIssuesBulk(
      db(),
      Array.from({ length: 5 }, (_, i) => ({
        id: String(i + 1),
        projectId: "p1",
        title: "E",
        firstSeen: at(0),
        lastSeen: at(i),
      })),
    );
    expect(await queueAnalysisOfUnanalysedIssues(db(), 3)).toBe(3);
    // The three newest are queued already: only the two left are new.
    expect(await queueAnalysisOfUnanalysedIssues(db(), 10)).toBe(2);
    const { jobs } = await getPipelineHealth(db());
    expect(jobs.queued + jobs.running).toBe(5);
  });
});
