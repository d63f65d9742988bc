import { expect, it } from "vitest";
import type { IssueLink } from "@/lib/analysis/types";
import { describeOnEachDatabase } from "@/test/databases";
import { issueLinks } from "../schema";
import { replaceAutoLinks } from "./incident-evidence";
import { upsertIssue } from "./issues";
import { upsertProject } from "./projects";

const at = new Date(Date.UTC(2026, 11, 1, 12));
const link = (sharedTraces: number): IssueLink => ({
  a: "1",
  b: "2",
  strength: 1,
  evidence: [{ kind: "trace", sharedTraces, exampleTraceIds: [], medianOffsetSeconds: 0 }],
});

describeOnEachDatabase("incident evidence", (db) => {
  it("keeps one link when the grouping jobs of both its issues write it at once", async () => {
    await upsertProject(db(), { id: "p", slug: "web", name: "Web", platform: "javascript" });
    for (const id of ["1", "2"])
      await upsertIssue(db(), { id, projectId: "p", title: `E${id}`, firstSeen: at, lastSeen: at });
    // Job 1 has written the pair and not yet committed when job 2 deletes its issue's links (it
    // cannot see the uncommitted row) and writes the same pair: on PostgreSQL job 2 waits on the
    // row, then meets it once job 1 commits. (PGlite runs one transaction at a time: no race there.)
    let commitFirst = () => {};
    const first = db().transaction(async (tx) => {
      await replaceAutoLinks(tx, "1", [link(2)]);
      await new Promise<void>((resolve) => {
        commitFirst = resolve;
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = db().transaction((tx) => replaceAutoLinks(tx, "2", [link(3)]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    commitFirst();
    await Promise.all([first, second]);
    const rows = await db().select().from(issueLinks);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ issueA: "1", issueB: "2", source: "auto" });
  });
});
