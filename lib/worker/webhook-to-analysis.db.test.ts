import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { listIssues } from "@/lib/db/queries/issues";
import { analyses, jobs } from "@/lib/db/schema";
import { ingestWebhook } from "@/lib/ingest/ingest-webhook";
import { runDueJobs } from "@/lib/jobs/run-due-jobs";
import { describeOnEachDatabase } from "@/test/databases";
import { errorDelivery, ingestOptions } from "@/test/ingest-deliveries";
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
      await ingestWebhook(
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
    expect(await db().$count(jobs, eq(jobs.status, "done"))).toBe(1);
    // Beside the analysis, only the incident grouping it queued.
    const [{ value }] = (await db().select({ value: count() }).from(jobs)) as [{ value: number }];
    expect(value).toBe(2);
    expect(await db().$count(jobs, and(eq(jobs.kind, "group_incident"), eq(jobs.status, "queued")))).toBe(1);
  });
});
