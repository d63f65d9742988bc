import { expect, it } from "vitest";
import { modelsResponse } from "@/lib/contracts/feedback";
import { countFeedbackByWeek, insertFeedback } from "@/lib/db/queries/feedback";
import { upsertIssue } from "@/lib/db/queries/issues";
import { upsertProject } from "@/lib/db/queries/projects";
import { describeOnEachDatabase } from "@/test/databases";
import { toModelsBody } from "./model-bodies";

const seen = new Date("2026-10-01T00:00:00Z");

describeOnEachDatabase("GET /api/models body", (db) => {
  const give = (kind: "owner" | "category", verdict: "confirm" | "correct", at: string) =>
    insertFeedback(db(), {
      issueId: "1",
      kind,
      verdict,
      value: verdict === "correct" ? "x" : null,
      siftSaid: "y",
      actor: "bob",
      createdAt: new Date(at),
    });

  it("counts confirmed and corrected feedback per model and ISO week, with accuracy, and lists models nobody judged", async () => {
    await upsertProject(db(), { id: "1", slug: "web", name: null, platform: null });
    await upsertIssue(db(), { id: "1", projectId: "1", title: "Boom", firstSeen: seen, lastSeen: seen });
    // Monday 2 Nov 2026 starts a week; Sunday 1 Nov 23:30 UTC belongs to the week before.
    await give("owner", "confirm", "2026-11-01T23:30:00Z");
    await give("owner", "confirm", "2026-11-02T00:10:00Z");
    await give("owner", "correct", "2026-11-04T12:00:00Z");
    await give("owner", "confirm", "2026-11-08T23:59:00Z");
    await give("category", "correct", "2026-11-03T09:00:00Z");
    // Before the window: not counted.
    await give("category", "confirm", "2026-09-01T09:00:00Z");

    const since = new Date("2026-10-01T00:00:00Z");
    const body = modelsResponse.parse(toModelsBody(await countFeedbackByWeek(db(), since), null, since));
    const byKind = Object.fromEntries(body.models.map((m) => [m.kind, m]));
    expect(body.models.map((m) => m.kind)).toEqual([
      "owner",
      "category",
      "priority",
      "duplicate_of",
      "incident_root",
    ]);
    expect(byKind.owner).toEqual({
      kind: "owner",
      confirmed: 3,
      corrected: 1,
      accuracy: 0.75,
      weeks: [
        { week: "2026-10-26", confirmed: 1, corrected: 0, accuracy: 1 },
        { week: "2026-11-02", confirmed: 2, corrected: 1, accuracy: 2 / 3 },
      ],
    });
    expect(byKind.category).toMatchObject({ confirmed: 0, corrected: 1, accuracy: 0 });
    expect(byKind.priority).toEqual({
      kind: "priority",
      confirmed: 0,
      corrected: 0,
      accuracy: null,
      weeks: [],
    });
    expect(body.evaluation).toBeNull();
  });
});
