import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { issuePostmortemTerms } from "@/lib/analysis/postmortem-terms";
import { deletePostmortem, listPostmortems, savePostmortem } from "@/lib/db/queries/postmortems";
import { listSimilarPostmortems } from "@/lib/db/queries/similar-postmortems";
import { auditLog, postmortemTerms } from "@/lib/db/schema";
import { describeOnEachDatabase } from "@/test/databases";
import { type ImportProgress, importPostmortemDir, PostmortemDirError } from "./import-postmortem-dir";
import { preparePostmortem } from "./prepare-postmortem";

const samples = path.resolve(import.meta.dirname, "../../dev/postmortems");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sift-postmortems-"));
  for (const name of readdirSync(samples)) copyFileSync(path.join(samples, name), path.join(dir, name));
  writeFileSync(path.join(dir, "notes.txt"), "not markdown");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The demo's Go issue, as the issue page builds its query.
const goIssue = issuePostmortemTerms({
  issueId: "6120000108",
  shortId: "SCHEDULER-GO-2",
  projectSlug: "scheduler-go",
  exceptionType: "*pq.Error",
  message: "pq: cannot cast jsonb null to type integer",
  frames: [
    {
      filename: "/go/pkg/mod/github.com/robfig/cron/v3@v3.0.0/cron.go",
      function: "FuncJob.Run",
      module: "github.com/robfig/cron/v3",
      lineNo: 136,
      inApp: false,
    },
    { filename: "/my_app/main.go", function: "background.func2", module: "main", lineNo: 94, inApp: true },
  ],
});

describeOnEachDatabase("importing and matching post-mortems", (db) => {
  it("imports each markdown file once, with progress, and a rerun changes nothing", async () => {
    const progress: ImportProgress[] = [];
    const first = await importPostmortemDir(db(), dir, (p) => progress.push(p));
    expect(first).toEqual({ created: 4, updated: 0, unchanged: 0, failed: [] });
    expect(progress.map((p) => `${p.done}/${p.total} ${p.outcome}`)).toEqual([
      "1/4 created",
      "2/4 created",
      "3/4 created",
      "4/4 created",
    ]);
    const listed = await listPostmortems(db());
    expect(listed.map((p) => p.occurredOn)).toEqual(["2026-11-12", "2026-10-02", "2026-08-19", "2026-06-03"]);
    expect(listed[1]?.title).toBe(
      "Nightly billing run skipped 312 accounts: pq: cannot cast jsonb null to type integer",
    );
    const termsBefore = await db().$count(postmortemTerms);

    const again = await importPostmortemDir(db(), dir);
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 4, failed: [] });
    expect(await listPostmortems(db())).toEqual(listed);
    expect(await db().$count(postmortemTerms)).toBe(termsBefore);
  });

  it("updates a changed file in place and its terms with it", async () => {
    await importPostmortemDir(db(), dir);
    const file = path.join(dir, "2026-10-02-scheduler-go-jsonb-null.md");
    writeFileSync(file, "# Renamed\n\n- **Date:** 2026-10-03\n\n`ZeroDivisionError` only now.\n");
    const totals = await importPostmortemDir(db(), dir);
    expect(totals).toEqual({ created: 0, updated: 1, unchanged: 3, failed: [] });
    const listed = await listPostmortems(db());
    expect(listed).toHaveLength(4);
    expect(listed.find((p) => p.source === "2026-10-02-scheduler-go-jsonb-null.md")).toMatchObject({
      title: "Renamed",
      occurredOn: "2026-10-03",
    });
    expect((await listSimilarPostmortems(db(), goIssue, 5)).map((m) => m.title)).not.toContain("Renamed");
  });

  it("says clearly when the folder is missing, and skips an unreadable file but imports the rest", async () => {
    await expect(importPostmortemDir(db(), path.join(dir, "nope"))).rejects.toThrow(PostmortemDirError);
    await expect(importPostmortemDir(db(), path.join(dir, "nope"))).rejects.toThrow(/No folder at .*nope/);
    // A folder named like a post-mortem cannot be read as one, whoever runs the test (root reads any file).
    mkdirSync(path.join(dir, "2026-01-01-broken.md"));
    const totals = await importPostmortemDir(db(), dir);
    expect(totals).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(totals.failed).toEqual([
      {
        file: "2026-01-01-broken.md",
        error: expect.stringMatching(/^cannot read 2026-01-01-broken\.md: .*EISDIR/),
      },
    ]);
  });

  it("matches an issue to the post-mortem of the same failure, with the shared terms as the reason", async () => {
    await importPostmortemDir(db(), dir);
    const [best, ...rest] = await listSimilarPostmortems(db(), goIssue, 5);
    expect(best?.title).toMatch(/jsonb null/);
    expect(best?.occurredOn).toBe("2026-10-02");
    expect(best?.sharedTerms).toEqual(
      expect.arrayContaining(["e:*pq.Error", "n:background.func2", "p:main.go", "s:scheduler-go"]),
    );
    expect(best?.score).toBeGreaterThan(rest[0]?.score ?? 0);
    // billing-api is named in it, but nothing of the Go failure is in the others.
    expect(rest.map((m) => m.title).join()).not.toMatch(/Checkout|Dashboard/);
  });

  it("audits an upload and a delete, and a deleted post-mortem matches nothing", async () => {
    const actor = { sub: "alice", name: "Alice Admin" };
    const md = "# Cron broke\n\n`*pq.Error` in `background.func2` (`main.go`) on scheduler-go.";
    const { outcome, postmortem } = await savePostmortem(
      db(),
      preparePostmortem(md, { fallbackTitle: "x", source: null }),
      actor,
    );
    expect(outcome).toBe("created");
    expect((await listSimilarPostmortems(db(), goIssue, 5)).map((m) => m.id)).toEqual([postmortem.id]);
    expect(await deletePostmortem(db(), postmortem.id, actor)).toMatchObject({ id: postmortem.id });
    expect(await deletePostmortem(db(), postmortem.id, actor)).toBeNull();
    expect(await listSimilarPostmortems(db(), goIssue, 5)).toEqual([]);
    const audit = await db().select().from(auditLog).orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.targetType, a.targetId, a.actorSub])).toEqual([
      ["postmortem.create", "postmortem", String(postmortem.id), "alice"],
      ["postmortem.delete", "postmortem", String(postmortem.id), "alice"],
    ]);
    expect(audit[0]?.after).toMatchObject({ title: "Cron broke" });
  });
});
