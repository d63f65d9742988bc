import { afterEach, expect, it } from "vitest";
import { listAuditLog } from "@/lib/db/queries/audit-log";
import { getIssueIncident, listIncidentMemberIds } from "@/lib/db/queries/incidents";
import { incidentCorrections } from "@/lib/db/schema";
import { correctIncident } from "@/lib/enrichment/correct-incident";
import { runGroupIncidentJob } from "@/lib/enrichment/group-incident-job";
import { describeOnEachDatabase } from "@/test/databases";
import { failAtCommit } from "@/test/fail-at-commit";
import { errorDelivery, ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";

const T0 = Date.parse("2026-11-01T10:00:00Z");
const bob = { sub: "bob", name: "Bob Triager" };

// Three issues of three projects failing in the same traces: one incident rooted at the python API.
const issues = [
  { issue: "100", project: "2", platform: "python", offset: 0 },
  { issue: "200", project: "1", platform: "javascript", offset: 100 },
  { issue: "300", project: "3", platform: "cocoa", offset: 200 },
];

describeOnEachDatabase("incident corrections in the audit log", (db) => {
  let undo: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await undo?.();
    undo = undefined;
  });

  async function incidentOfThree(): Promise<number> {
    let n = 0;
    for (const trace of ["t1", "t2"]) {
      for (const o of issues) {
        n++;
        const at = T0 + (trace === "t2" ? 1_000 : 0) + o.offset;
        const delivery = errorDelivery((payload) => {
          const e = payload.data.error;
          e.event_id = `${n.toString(16).padStart(8, "0")}${"0".repeat(24)}`;
          e.issue_id = o.issue;
          e.project = o.project;
          e.platform = o.platform;
          e.title = `${o.platform} failure ${o.issue}`;
          e.timestamp = at / 1000;
          e.datetime = new Date(at).toISOString();
          e.contexts = { trace: { type: "trace", trace_id: trace, span_id: "a".repeat(16) } };
          e.user = { id: `user-${n}`, tenant_id: "acme" };
        });
        await ingestAndStore(db(), delivery, { ...ingestOptions, receivedAt: new Date(at) });
      }
    }
    for (const o of issues) await runGroupIncidentJob(db(), o.issue);
    const id = (await getIssueIncident(db(), "100"))?.id;
    if (!id) throw new Error("no incident was formed");
    expect(await listIncidentMemberIds(db(), id)).toEqual(["100", "200", "300"]);
    return id;
  }

  it("records a split and a new root with the incident before and after, and who did it", async () => {
    const incident = await incidentOfThree();
    expect(await correctIncident(db(), incident, { action: "split", issueIds: ["300"] }, bob)).toEqual({
      ok: true,
      incidentId: incident,
    });
    expect(await correctIncident(db(), incident, { action: "set_root", issueId: "200" }, bob)).toMatchObject({
      ok: true,
    });
    const [root, split, ...none] = await listAuditLog(db(), { limit: 10 });
    expect(none).toEqual([]);
    expect(split).toMatchObject({
      actorSub: "bob",
      actorName: "Bob Triager",
      action: "incident.split",
      targetType: "incident",
      targetId: String(incident),
      before: { rootIssueId: "100", issueIds: ["100", "200", "300"] },
      after: { incidentId: incident, status: "open", rootIssueId: "100", issueIds: ["100", "200"] },
    });
    expect(root).toMatchObject({
      action: "incident.set_root",
      before: { rootIssueId: "100", issueIds: ["100", "200"] },
      after: { rootIssueId: "200", issueIds: ["100", "200"] },
    });
  });

  it("records nothing for a refused correction or one whose write fails", async () => {
    const incident = await incidentOfThree();
    const refused = await correctIncident(db(), incident, { action: "set_root", issueId: "999" }, bob);
    expect(refused).toMatchObject({ ok: false, reason: "conflict" });
    undo = await failAtCommit(db(), "incident_corrections");
    await expect(
      correctIncident(db(), incident, { action: "split", issueIds: ["300"] }, bob),
    ).rejects.toThrow();
    expect(await listAuditLog(db(), { limit: 10 })).toEqual([]);
    expect(await db().$count(incidentCorrections)).toBe(0);
    expect(await listIncidentMemberIds(db(), incident)).toEqual(["100", "200", "300"]);
  });
});
