import { and, count, eq, ne } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import { listIssues } from "@/lib/db/queries/list-issues";
import { analyses, events, jobs } from "@/lib/db/schema";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { describeOnEachDatabase } from "@/test/databases";
import { errorDelivery, ingestAndStore, ingestOptions } from "@/test/ingest-deliveries";
import { buildJobKinds } from "./job-kinds";

const settings = {
  rules: parseOwnershipRules("path:/runner #frontend\ntags.browser.name:Chrome #web-platform"),
  fallbackOwner: "#triage",
  identity: { tenantKeys: ["tenant_id"], rolesKeys: ["roles"] },
  sentryApi: null,
};

describeOnEachDatabase("webhook to analysis", (db) => {
  it("the worker analyses queued issues: owner by the last matching rule, users and tenants counted", async () => {
    for (const [i, tenant] of ["acme", "globex", "acme"].entries()) {
      await ingestAndStore(
        db(),
        errorDelivery((p) => {
          p.data.error.event_id = `${i}`.padStart(32, "a");
          p.data.error.user = { id: `user-${i}`, tenant_id: tenant, roles: ["admin"] };
        }),
        ingestOptions,
      );
    }
    const claimed = await runDueJobs(db(), buildJobKinds(settings));
    expect(claimed).toBe(1);
    const [analysis] = await db().select().from(analyses);
    expect(analysis?.owner.owner).toBe("#web-platform");
    expect(analysis?.owner.rule).toBe("tags.browser.name:Chrome #web-platform");
    expect(analysis?.blastRadius).toMatchObject({ events: 3, users: 3, tenants: 2 });
    // The stored event's exception, read back from its row, categorises the issue.
    expect(analysis?.category).toMatchObject({
      category: "type_error",
      reason: 'exception type "ReferenceError"',
    });
    const page = await listIssues(db(), { limit: 10, category: "type_error" });
    expect("items" in page && page.items[0]).toMatchObject({
      userCount: 3,
      tenantCount: 2,
      analysis: { owner: "#web-platform", category: "type_error" },
    });
    expect(await db().$count(jobs, and(eq(jobs.kind, "analyse_issue"), eq(jobs.status, "done")))).toBe(1);
    // Beside the events' stores and the analysis, only the incident grouping and the similar-issue
    // indexing it queued.
    const [{ value }] = (await db()
      .select({ value: count() })
      .from(jobs)
      .where(ne(jobs.kind, "store_delivery"))) as [{ value: number }];
    expect(value).toBe(3);
    expect(await db().$count(jobs, and(eq(jobs.kind, "group_incident"), eq(jobs.status, "queued")))).toBe(1);
    expect(await db().$count(jobs, and(eq(jobs.kind, "index_similar"), eq(jobs.status, "queued")))).toBe(1);
  });

  it("prioritises from the hourly rollup, active tenants, configured tiers and the unhandled flag", async () => {
    const now = Date.now();
    // The fixture's exception has mechanism.handled false; its tags say handled "no" too.
    for (const [i, tenant] of ["acme", "globex", "acme", "initech"].entries()) {
      await ingestAndStore(
        db(),
        errorDelivery((p) => {
          p.data.error.event_id = `${i}`.padStart(32, "b");
          p.data.error.timestamp = (now - i * 20 * 60_000) / 1000;
          p.data.error.datetime = undefined;
          p.data.error.user = { id: `user-${i % 3}`, tenant_id: tenant };
        }),
        ingestOptions,
      );
    }
    const tiers = new Map([
      ["acme", "enterprise" as const],
      ["umbrella", "enterprise" as const],
    ]);
    expect(
      await runDueJobs(db(), buildJobKinds({ ...settings, tenantTiers: tiers, activeTenantDays: 14 })),
    ).toBe(1);

    const stored = await db().select({ handled: events.handled }).from(events);
    expect(stored.map((e) => e.handled)).toEqual([false, false, false, false]);
    const [analysis] = await db().select().from(analyses);
    const priority = analysis?.priority;
    if (!priority) throw new Error("no priority stored");
    expect(priority.trend.trend).toBe("new");
    expect(priority.activeTenantShare).toBe(1);
    expect(priority.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        "3 users affected",
        "3 of 3 active tenants hit (100%)",
        "1 enterprise tenant hit (acme)",
        "unhandled in 4 of 4 recent events",
      ]),
    );
    const page = await listIssues(db(), { limit: 10, sort: "priority" });
    expect("items" in page && page.items[0]?.priorityTier).toBe(Number(priority.tier.slice(1)));

    // The fixture's issue; its four events within the last hour and a bit.
    const detail = await getIssueDetail(db(), "1170820242");
    expect(detail?.timeline.reduce((sum, b) => sum + b.events, 0)).toBe(4);
    expect(detail?.timeline.reduce((sum, b) => sum + b.users, 0)).toBeGreaterThanOrEqual(3);
  });
});
