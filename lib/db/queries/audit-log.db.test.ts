import { eq } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { describeOnEachDatabase } from "@/test/databases";
import { failAtCommit } from "@/test/fail-at-commit";
import { auditLog, jobs, projects } from "../schema";
import { listAuditLog, recordAudit } from "./audit-log";
import { requeueJob } from "./jobs";
import { setProjectWriteback, upsertProject } from "./projects";

const alice = { sub: "alice", name: "Alice Admin" };

describeOnEachDatabase("audit log", (db) => {
  let undo: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await undo?.();
    undo = undefined;
  });

  it("pages newest first by keyset, stable while rows are added", async () => {
    for (let i = 1; i <= 5; i++) {
      await recordAudit(db(), {
        actor: alice,
        action: "job.requeue",
        target: { type: "job", id: i },
        before: { status: "failed" },
        after: { status: "queued" },
      });
    }
    const first = await listAuditLog(db(), { limit: 2 });
    expect(first.map((r) => r.targetId)).toEqual(["5", "4"]);
    await recordAudit(db(), {
      actor: alice,
      action: "job.requeue",
      target: { type: "job", id: 6 },
      before: null,
      after: null,
    });
    const second = await listAuditLog(db(), { limit: 2, beforeId: first.at(-1)?.id });
    expect(second.map((r) => r.targetId)).toEqual(["3", "2"]);
    const last = await listAuditLog(db(), { limit: 2, beforeId: second.at(-1)?.id });
    expect(last.map((r) => r.targetId)).toEqual(["1"]);
    expect(last[0]).toMatchObject({
      actorSub: "alice",
      actorName: "Alice Admin",
      before: { status: "failed" },
    });
  });

  it("records a project's write-back change with who and the mode before and after", async () => {
    await upsertProject(db(), { id: "2", slug: "pump-station" });
    await setProjectWriteback(db(), "2", { mode: "assign", changedBy: "alice@example.com", actor: alice });
    await setProjectWriteback(db(), "2", { mode: null, changedBy: "alice@example.com", actor: alice });
    const rows = await listAuditLog(db(), { limit: 10 });
    expect(rows.map((r) => [r.action, r.targetType, r.targetId, r.before, r.after])).toEqual([
      ["project.writeback.set", "project", "2", { writeback: "assign" }, { writeback: null }],
      ["project.writeback.set", "project", "2", { writeback: null }, { writeback: "assign" }],
    ]);
    expect(Math.abs(Date.now() - (rows[0]?.at.getTime() ?? 0))).toBeLessThan(60_000);
    // Nothing written, nothing audited.
    expect(await setProjectWriteback(db(), "99", { mode: "off", changedBy: "x", actor: alice })).toBeNull();
    expect(await db().$count(auditLog)).toBe(2);
  });

  it("records a requeue, and nothing for a job that had not failed", async () => {
    const [failed, done] = await db()
      .insert(jobs)
      .values([
        { kind: "writeback", subjectId: "7", status: "failed", attempts: 8, lastError: "HTTP 500" },
        { kind: "writeback", subjectId: "8", status: "done", attempts: 1 },
      ])
      .returning();
    expect(await requeueJob(db(), failed?.id ?? 0, alice)).toMatchObject({ outcome: "requeued" });
    expect(await requeueJob(db(), done?.id ?? 0, alice)).toEqual({ outcome: "not_failed" });
    const rows = await listAuditLog(db(), { limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "job.requeue",
      targetType: "job",
      targetId: String(failed?.id),
      actorSub: "alice",
      before: { kind: "writeback", subjectId: "7", status: "failed", attempts: 8 },
      after: { kind: "writeback", subjectId: "7", status: "queued", attempts: 0 },
    });
  });

  it("keeps no audit row of a write that fails, and no write whose audit row fails", async () => {
    await upsertProject(db(), { id: "2", slug: "pump-station" });
    const [failed] = await db()
      .insert(jobs)
      .values({ kind: "writeback", subjectId: "7", status: "failed", attempts: 8 })
      .returning();

    undo = await failAtCommit(db(), "projects");
    await expect(
      setProjectWriteback(db(), "2", { mode: "assign", changedBy: "alice", actor: alice }),
    ).rejects.toThrow();
    await undo();
    undo = await failAtCommit(db(), "jobs");
    await expect(requeueJob(db(), failed?.id ?? 0, alice)).rejects.toThrow();
    await undo();
    expect(await db().$count(auditLog)).toBe(0);

    undo = await failAtCommit(db(), "audit_log");
    await expect(
      setProjectWriteback(db(), "2", { mode: "assign", changedBy: "alice", actor: alice }),
    ).rejects.toThrow();
    await expect(requeueJob(db(), failed?.id ?? 0, alice)).rejects.toThrow();
    const [project] = await db().select().from(projects).where(eq(projects.id, "2"));
    expect(project).toMatchObject({ writeback: null, writebackChangedBy: null });
    const [job] = await db()
      .select()
      .from(jobs)
      .where(eq(jobs.id, failed?.id ?? 0));
    expect(job).toMatchObject({ status: "failed", attempts: 8 });
  });
});
