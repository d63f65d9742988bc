import { readdirSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import {
  alertTriggers,
  deliveries,
  events,
  issueComments,
  issues,
  jobs,
  metricAlerts,
  seerRuns,
} from "@/lib/db/schema";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";

type Json = Record<string, unknown>;
const dir = `${fixturesDir}/webhooks`;
const fixture = (name: string): Json => JSON.parse(readFileSync(`${dir}/${name}`, "utf8"));
const options = {
  tenantKeys: ["tenant_id"],
  rolesKeys: ["roles"],
  appId: "sift-app",
  receivedAt: new Date(),
};
const delivery = (resource: string, payload: Json) => ({
  resource,
  requestId: null,
  rawBody: JSON.stringify(payload),
  payload,
});
const at = (iso: string) => ({ ...options, receivedAt: new Date(iso) });

describeOnEachDatabase("each Sentry webhook resource stored", (db) => {
  const deliver = (resource: string, payload: Json, opts = options) =>
    ingestAndStore(db(), delivery(resource, payload), opts);

  it("ingests every valid fixture once, and each retry as a duplicate", async () => {
    const files = readdirSync(dir).filter((f) => /^webhook-.*\.json$/.test(f));
    for (const file of files) {
      const resource = /^webhook-([a-z_]+)-/.exec(file)?.[1] ?? "";
      const first = await deliver(resource, fixture(file));
      expect(first.outcome, file).toMatch(/^(ingested|recorded)$/);
      expect((await deliver(resource, fixture(file))).outcome, file).toBe("duplicate");
    }
    expect(await db().$count(deliveries)).toBe(files.length);
  });

  it("event_alert.triggered stores its event like error.created, with the rule that fired", async () => {
    const payload = fixture("webhook-event_alert-triggered.json");
    const result = await deliver("event_alert", payload);
    expect(result).toMatchObject({ outcome: "ingested", issueId: "1117540176" });
    expect(await db().$count(events)).toBe(1);
    expect(await db().$count(jobs, eq(jobs.status, "queued"))).toBe(1);
    const [trigger] = await db().select().from(alertTriggers);
    expect(trigger).toMatchObject({
      issueId: "1117540176",
      eventId: "e4874d664c3540c1a32eab185f12c5ab",
      ruleName: "Very Important Alert Rule!",
    });
    // The same event firing another rule is another trigger, not a duplicate.
    (payload.data as Json).triggered_rule = "Second rule";
    expect((await deliver("event_alert", payload)).outcome).toBe("ingested");
    expect(await db().$count(alertTriggers)).toBe(2);
    expect(await db().$count(events)).toBe(1);
    const detail = await getIssueDetail(db(), "1117540176");
    expect(detail?.alertRules.map((r) => r.ruleName).sort()).toEqual([
      "Second rule",
      "Very Important Alert Rule!",
    ]);
  });

  it("metric_alert keeps the most severe level and stays resolved once closed, in any order", async () => {
    const base = fixture("webhook-metric_alert-resolved.json");
    const as = (action: string, status: number) => {
      const p = structuredClone(base);
      p.action = action;
      Object.assign((p.data as Json).metric_alert as Json, { status, date_closed: null });
      return p;
    };
    await deliver("metric_alert", as("resolved", 2));
    await deliver("metric_alert", as("critical", 20));
    await deliver("metric_alert", as("warning", 10));
    const [alert] = await db().select().from(metricAlerts);
    expect(alert).toMatchObject({ id: "4", status: "resolved", projects: ["bar"], title: "Sacred Marmot" });
    expect(alert?.webUrl).toBe("https://sentry.io/organizations/baz/alerts/1/");
    expect(alert?.dateClosed).not.toBeNull();
    await db().delete(metricAlerts);
    await db().delete(deliveries);
    await deliver("metric_alert", as("critical", 20));
    await deliver("metric_alert", as("warning", 10));
    expect((await db().select().from(metricAlerts))[0]?.status).toBe("critical");
  });

  it("shows a metric alert on the issues of the projects it names, and only there", async () => {
    const issue = fixture("webhook-issue-created.json");
    await deliver("issue", issue);
    const alert = fixture("webhook-metric_alert-resolved.json");
    await deliver("metric_alert", alert);
    expect((await getIssueDetail(db(), "1170820242"))?.metricAlerts).toEqual([]);
    ((alert.data as Json).metric_alert as Json).projects = ["bar", "front-end"];
    ((alert.data as Json).metric_alert as Json).status = 20;
    alert.action = "critical";
    await deliver("metric_alert", alert);
    const shown = (await getIssueDetail(db(), "1170820242"))?.metricAlerts;
    expect(shown?.map((a) => [a.id, a.status])).toEqual([["4", "resolved"]]);
  });

  it("comments: a late create never undoes an edit or a delete, and own ones are marked", async () => {
    const comment = (action: string, text: string | null, actor?: Json) => {
      const p = fixture("webhook-comment-created.json");
      p.action = action;
      (p.data as Json).comment = text;
      if (actor) p.actor = actor;
      return p;
    };
    await deliver("comment", comment("updated", "edited text"), at("2024-01-01T10:01:00Z"));
    await deliver("comment", comment("created", "adding a comment"), at("2024-01-01T10:02:00Z"));
    const [edited] = await db().select().from(issueComments);
    expect(edited).toMatchObject({
      commentId: "1234",
      issueId: "100",
      text: "edited text",
      authorName: "colleen",
    });
    expect(edited?.createdAt.toISOString()).toBe("2022-03-02T21:51:44.118Z");
    // A second edit has the same Sentry timestamp and is not a duplicate.
    expect((await deliver("comment", comment("updated", "edited again"))).outcome).toBe("ingested");
    expect((await db().select().from(issueComments))[0]?.text).toBe("edited again");
    await deliver("comment", comment("deleted", "edited again"));
    await deliver("comment", comment("updated", "too late"));
    const [deleted] = await db().select().from(issueComments);
    expect(deleted).toMatchObject({ text: null });
    expect(deleted?.deletedAt).not.toBeNull();
    const own = comment("created", "Sift: owner is #backend", {
      type: "application",
      id: "sift-app",
      name: "Sift",
    });
    ((own.data as Json).comment_id as unknown) = 1235;
    expect((await deliver("comment", own)).outcome).toBe("ignored");
    expect(await db().$count(jobs)).toBe(0);
    const detail = await db().select().from(issueComments).where(eq(issueComments.commentId, "1235"));
    expect(detail[0]).toMatchObject({
      own: true,
      authorType: "application",
      text: "Sift: owner is #backend",
    });
  });

  it("refuses a created comment without its text, writing nothing", async () => {
    const p = fixture("webhook-comment-created.json");
    delete (p.data as Json).comment;
    await expect(deliver("comment", p)).rejects.toThrow(/comment/);
    expect(await db().$count(deliveries)).toBe(0);
  });

  it("seer: merges a run's actions in any order; a completed stage is never set back to started", async () => {
    const repaired = (name: string) =>
      JSON.parse(readFileSync(`${dir}/${name}`, "utf8").replace(/,(\s*[}\]])/g, "$1")) as Json;
    await deliver("seer", fixture("webhook-seer-pr_created.json"));
    await deliver("seer", fixture("webhook-seer-root_cause_completed.json"));
    await deliver("seer", fixture("webhook-seer-root_cause_started.json"));
    await deliver("seer", repaired("webhook-seer-solution_completed.VERBATIM-INVALID-JSON.txt"));
    await deliver("seer", fixture("webhook-seer-solution_started.json"));
    await deliver("seer", repaired("webhook-seer-coding_completed.VERBATIM-INVALID-JSON.txt"));
    const [run] = await db().select().from(seerRuns);
    expect(run).toMatchObject({
      runId: "12345",
      issueId: "1170820242",
      stages: { root_cause: "completed", solution: "completed", coding: "completed", pr: "completed" },
    });
    expect(run?.rootCause?.description).toBe("Woah wow there's a bug here.");
    expect(run?.rootCause?.steps[1]).toMatchObject({ file: "owner/repo: src/app/page.ts", important: true });
    expect(run?.rootCause?.steps[0]?.file).toBeNull();
    expect(run?.solution?.steps.map((s) => s.title)).toEqual(["Go fix it", "Then go fix this other thing."]);
    expect(run?.pullRequests).toEqual([
      { url: "https://github.com/owner/repo/pull/123", number: 123, repo: "my-app", provider: "github" },
    ]);
    expect(run?.changes?.[0]).toMatchObject({ branch: "seer/fix-this-thing", repo: "my-app" });
    expect(JSON.stringify(run)).not.toContain("<the diff as a string>");
  });

  it("seer: refuses a completed stage without its result", async () => {
    const p = fixture("webhook-seer-root_cause_started.json");
    p.action = "root_cause_completed";
    await expect(deliver("seer", p)).rejects.toThrow(/completed Seer stage/);
    expect(await db().$count(seerRuns)).toBe(0);
    expect(await db().$count(issues)).toBe(0);
  });
});
