import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { describeOnEachDatabase, fixturesDir } from "@/test/databases";
import { ingestAndStore } from "@/test/ingest-deliveries";
import { storeIssue } from "../store-issue";

// issue.* deliveries arrive in any order. Whatever the order, Sift must end in the state of the
// newest snapshot as issue-state-version.ts defines it, and never let an older one overwrite it.

type Json = Record<string, unknown>;
const template = JSON.parse(readFileSync(`${fixturesDir}/webhooks/webhook-issue-created.json`, "utf8"));
const options = { tenantKeys: ["tenant_id"], rolesKeys: ["roles"], appId: null, receivedAt: new Date() };
const T0 = "2024-05-01T10:00:00.000000Z";
const T1 = "2024-05-01T10:05:00.000000+00:00"; // newer Sentry sends isoformat() with an offset
const alice = { type: "user", id: "7", name: "Alice", email: "alice@example.com" };
const bob = { type: "team", id: 12, name: "backend" };

type Snapshot = { lastSeen: string; status: string; substatus: string; assignedTo: Json | null };

function issueDelivery(action: string, issue: Snapshot, assignee?: Json) {
  const payload = structuredClone(template);
  Object.assign(payload.data.issue, issue);
  payload.action = action;
  if (assignee) payload.data.assignee = assignee;
  return { resource: "issue", requestId: null, rawBody: JSON.stringify(payload), payload };
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const created = issueDelivery("created", {
  lastSeen: T0,
  status: "unresolved",
  substatus: "new",
  assignedTo: null,
});
const assigned = issueDelivery(
  "assigned",
  { lastSeen: T0, status: "unresolved", substatus: "ongoing", assignedTo: alice },
  alice,
);
const resolved = issueDelivery("resolved", {
  lastSeen: T0,
  status: "resolved",
  substatus: "",
  assignedTo: alice,
});
const regressed = issueDelivery("unresolved", {
  lastSeen: T1,
  status: "unresolved",
  substatus: "regressed",
  assignedTo: alice,
});

describeOnEachDatabase("Sentry's issue state under out-of-order deliveries", (db) => {
  async function deliverAll(deliveries: ReturnType<typeof issueDelivery>[]) {
    for (const delivery of deliveries) await ingestAndStore(db(), delivery, options);
    return getIssueRow(db(), "1170820242");
  }

  it.each(
    permutations([created, assigned, resolved]).map((order) => [
      order.map((d) => d.payload.action).join(" → "),
      order,
    ]),
  )(
    "created, assigned and resolved at one lastSeen end resolved and assigned, delivered %s",
    async (_, order) => {
      const row = await deliverAll(order as ReturnType<typeof issueDelivery>[]);
      expect(row).toMatchObject({
        status: "resolved",
        assigneeType: "user",
        assigneeId: "7",
        assigneeName: "Alice",
      });
    },
  );

  it("a regression (newer lastSeen) wins over the resolution it undoes, in either order", async () => {
    expect(await deliverAll([regressed, resolved])).toMatchObject({
      status: "unresolved",
      substatus: "regressed",
    });
    await db().execute("truncate issues, projects, deliveries, jobs cascade");
    expect(await deliverAll([resolved, regressed])).toMatchObject({
      status: "unresolved",
      substatus: "regressed",
    });
  });

  it("an older assignment arriving late does not undo a newer one", async () => {
    const newer = issueDelivery(
      "assigned",
      { lastSeen: T1, status: "unresolved", substatus: "ongoing", assignedTo: bob },
      bob,
    );
    const row = await deliverAll([newer, assigned]);
    expect(row).toMatchObject({ assigneeType: "team", assigneeId: "12", assigneeName: "backend" });
  });

  it("a resolution at the same lastSeen does not undo an assignment it did not carry", async () => {
    const resolvedUnassigned = issueDelivery("resolved", {
      lastSeen: T0,
      status: "resolved",
      substatus: "",
      assignedTo: null,
    });
    const row = await deliverAll([assigned, resolvedUnassigned]);
    expect(row).toMatchObject({ status: "resolved", assigneeId: "7" });
  });

  it("between a close and a reopen at one lastSeen, the reopen wins whatever the order", async () => {
    const reopened = issueDelivery("unresolved", {
      lastSeen: T0,
      status: "unresolved",
      substatus: "ongoing",
      assignedTo: alice,
    });
    const ignored = issueDelivery("ignored", {
      lastSeen: T0,
      status: "ignored",
      substatus: "archived_forever",
      assignedTo: alice,
    });
    expect(await deliverAll([reopened, ignored, resolved])).toMatchObject({ status: "unresolved" });
    await db().execute("truncate issues, projects, deliveries, jobs cascade");
    expect(await deliverAll([resolved, ignored, reopened])).toMatchObject({ status: "unresolved" });
  });

  it("two assignments at one lastSeen and rank settle on the same one in either order", async () => {
    const toBob = issueDelivery(
      "assigned",
      { lastSeen: T0, status: "unresolved", substatus: "ongoing", assignedTo: bob },
      bob,
    );
    const first = await deliverAll([assigned, toBob]);
    await db().execute("truncate issues, projects, deliveries, jobs cascade");
    const second = await deliverAll([toBob, assigned]);
    expect(first?.assigneeId).toBe(second?.assigneeId);
    expect(first?.assigneeId).toMatch(/^(7|12)$/);
  });

  it("stores no email of an assignee", async () => {
    const row = await deliverAll([assigned]);
    expect(JSON.stringify(row)).not.toContain("alice@example.com");
  });

  it("the poll's older snapshot does not overwrite a newer webhook, and a newer one does", async () => {
    await deliverAll([regressed]);
    const polled = {
      ...template.data.issue,
      lastSeen: T0,
      status: "resolved",
      substatus: null,
      assignedTo: null,
    };
    const { sentryIssue } = await import("@/lib/sentry/webhook-payload");
    await storeIssue(db(), sentryIssue.parse(polled));
    expect(await getIssueRow(db(), "1170820242")).toMatchObject({ status: "unresolved", assigneeId: "7" });
    const later = {
      ...polled,
      lastSeen: "2024-05-01T11:00:00Z",
      status: "ignored",
      substatus: "archived_forever",
    };
    await storeIssue(db(), sentryIssue.parse(later));
    expect(await getIssueRow(db(), "1170820242")).toMatchObject({ status: "ignored", assigneeId: null });
  });

  it("records when a resolution arrived and the release it names; a reopen clears both", async () => {
    await ingestAndStore(db(), created, options);
    expect(await getIssueRow(db(), "1170820242")).toMatchObject({
      resolvedAt: null,
      resolvedInRelease: null,
    });
    const inRelease = structuredClone(resolved);
    inRelease.payload.data.issue.statusDetails = { inRelease: "web@1.4.0" };
    inRelease.rawBody = JSON.stringify(inRelease.payload);
    const before = Date.now();
    await ingestAndStore(db(), inRelease, options);
    const row = await getIssueRow(db(), "1170820242");
    expect(row).toMatchObject({ status: "resolved", resolvedInRelease: "web@1.4.0" });
    expect(row?.resolvedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await ingestAndStore(db(), regressed, options);
    expect(await getIssueRow(db(), "1170820242")).toMatchObject({
      status: "unresolved",
      resolvedAt: null,
      resolvedInRelease: null,
    });
  });
});
