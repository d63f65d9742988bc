import { expect, it } from "vitest";
import { setManualLink } from "@/lib/db/queries/incident-evidence";
import {
  getIncidentRow,
  getIssueIncident,
  listIncidentMemberIds,
  listIncidents,
  pinIncidentRoot,
} from "@/lib/db/queries/incidents";
import { issueLinks } from "@/lib/db/schema";
import { runGroupIncidentJob } from "@/lib/enrichment/group-incident-job";
import { regroupIncidents } from "@/lib/enrichment/regroup-incidents";
import { describeOnEachDatabase } from "@/test/databases";
import { errorDelivery, ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";

const T0 = Date.parse("2026-11-01T10:00:00Z");
let counter = 0;

type Occurrence = {
  issue: string;
  project: string;
  platform: string;
  at: number;
  trace?: string;
  tenant?: string;
};

function delivery(o: Occurrence) {
  counter++;
  return errorDelivery((payload) => {
    const e = payload.data.error;
    e.event_id = `${counter.toString(16).padStart(8, "0")}${"0".repeat(24)}`;
    e.issue_id = o.issue;
    e.project = o.project;
    e.platform = o.platform;
    e.title = `${o.platform} failure ${o.issue}`;
    e.timestamp = o.at / 1000;
    e.datetime = new Date(o.at).toISOString();
    e.contexts = o.trace ? { trace: { type: "trace", trace_id: o.trace, span_id: "a".repeat(16) } } : {};
    e.user = { id: `user-${counter % 7}`, tenant_id: o.tenant ?? "acme" };
  });
}

describeOnEachDatabase("incident grouping", (db) => {
  async function ingest(occurrences: Occurrence[]) {
    for (const o of occurrences)
      await ingestAndStore(db(), delivery(o), { ...ingestOptions, receivedAt: new Date(o.at) });
  }
  const group = async (...issueIds: string[]) => {
    for (const id of issueIds) await runGroupIncidentJob(db(), id);
  };

  const api = (at: number, trace?: string) => ({ issue: "100", project: "2", platform: "python", at, trace });
  const web = (at: number, trace?: string) => ({
    issue: "200",
    project: "1",
    platform: "javascript",
    at,
    trace,
  });
  const ios = (at: number, trace?: string) => ({ issue: "300", project: "3", platform: "cocoa", at, trace });

  it("puts issues sharing traces in one incident with the upstream server issue as root; a lone issue stays out", async () => {
    await ingest([
      api(T0, "t1"),
      web(T0 + 300, "t1"),
      api(T0 + 5_000, "t2"),
      web(T0 + 5_400, "t2"),
      // Concurrent but unrelated: its own trace and tenant.
      { issue: "900", project: "1", platform: "javascript", at: T0 + 2_000, trace: "t9", tenant: "umbrella" },
    ]);
    // The symptom's job runs first, as when its delivery arrives first.
    await group("200", "100", "900");
    const [incident, ...rest] = await listIncidents(db(), { limit: 10 });
    expect(rest).toEqual([]);
    expect(incident).toMatchObject({
      rootIssueId: "100",
      issueIds: ["100", "200"],
      issueCount: 2,
      status: "open",
    });
    expect(incident?.root.reasons).toContain("first error in 2 of 2 shared traces");
    expect(incident?.root.reasons).toContain("server side (python)");
    expect(await getIssueIncident(db(), "900")).toBeNull();
    const [link] = await db().select().from(issueLinks);
    expect(link).toMatchObject({ issueA: "100", issueB: "200", source: "auto" });
    expect(link?.evidence[0]).toMatchObject({ kind: "trace", sharedTraces: 2, medianOffsetSeconds: 0.35 });
  });

  it("merges two incidents when a new issue links them, keeping the older incident's id", async () => {
    await ingest([api(T0, "t1"), web(T0 + 100, "t1"), api(T0 + 1_000, "t2"), web(T0 + 1_100, "t2")]);
    await group("100", "200");
    const first = (await getIssueIncident(db(), "100"))?.id as number;
    // A separate pair, far later, on its own traces.
    const later = T0 + 86_400_000;
    await ingest([
      { issue: "400", project: "4", platform: "go", at: later, trace: "u1" },
      { issue: "500", project: "5", platform: "javascript", at: later + 50, trace: "u1" },
      { issue: "400", project: "4", platform: "go", at: later + 60, trace: "u2" },
      { issue: "500", project: "5", platform: "javascript", at: later + 70, trace: "u2" },
    ]);
    await group("400", "500");
    expect(await listIncidents(db(), { limit: 10 })).toHaveLength(2);
    const second = (await getIssueIncident(db(), "400"))?.id as number;
    // The iOS issue shares traces with both fires.
    await ingest([ios(T0 + 200, "t1"), ios(T0 + 1_200, "t2"), ios(later + 80, "u1"), ios(later + 90, "u2")]);
    await group("300");
    const [merged, ...none] = await listIncidents(db(), { limit: 10 });
    expect(none).toEqual([]);
    expect(merged?.id).toBe(first);
    expect(merged?.issueIds).toEqual(["100", "200", "300", "400", "500"]);
    expect(await getIncidentRow(db(), second)).toMatchObject({ status: "merged", mergedInto: first });
  });

  it("keeps a triager's split and pinned root when the job runs again", async () => {
    await ingest([
      api(T0, "t1"),
      web(T0 + 100, "t1"),
      ios(T0 + 200, "t1"),
      api(T0 + 900, "t2"),
      web(T0 + 950, "t2"),
    ]);
    await group("100", "200", "300");
    const incident = (await getIssueIncident(db(), "100"))?.id as number;
    expect(await listIncidentMemberIds(db(), incident)).toEqual(["100", "200", "300"]);
    await db().transaction(async (tx) => {
      await setManualLink(tx, { a: "300", b: "100" }, "apart", "bob");
      await setManualLink(tx, { a: "300", b: "200" }, "apart", "bob");
      await pinIncidentRoot(tx, incident, "200");
      await regroupIncidents(tx, ["100", "200", "300"]);
    });
    await ingest([ios(T0 + 1_000, "t2")]);
    await group("300", "100", "200");
    expect(await listIncidentMemberIds(db(), incident)).toEqual(["100", "200"]);
    expect(await getIssueIncident(db(), "300")).toBeNull();
    expect(await getIncidentRow(db(), incident)).toMatchObject({
      rootIssueId: "200",
      root: { pinned: true, issueId: "200" },
    });
  });

  it("dissolves an incident whose only link is gone", async () => {
    await ingest([api(T0, "t1"), web(T0 + 100, "t1")]);
    await group("100");
    const incident = (await getIssueIncident(db(), "100"))?.id as number;
    await db().transaction(async (tx) => {
      await setManualLink(tx, { a: "100", b: "200" }, "apart", "bob");
      await regroupIncidents(tx, ["100"]);
    });
    expect(await getIncidentRow(db(), incident)).toMatchObject({ status: "dissolved", mergedInto: null });
    expect(await listIncidents(db(), { limit: 10 })).toEqual([]);
  });
});
