import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OFFLINE_EVALUATION_FILE, readOfflineEvaluation } from "./offline-evaluation";

const root = (content?: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), "sift-eval-"));
  if (content !== undefined) {
    mkdirSync(path.join(dir, "docs"));
    writeFileSync(path.join(dir, OFFLINE_EVALUATION_FILE), content);
  }
  return dir;
};

const recorded = {
  recordedAt: "2026-11-02T10:00:00.000Z",
  data: "stacktraces",
  T1: { "RR@1": 0.64, "RR@5": 0.8, "RR@10": 0.85, MRR: 0.7, queries: 100 },
  T2: { AUC: 0.77 },
  T3: { "acc@1": 0.3, "acc@3": 0.5, "acc@5": 0.6 },
};

describe("readOfflineEvaluation", () => {
  it("reads what npm run eval recorded", async () => {
    expect(await readOfflineEvaluation(root(JSON.stringify(recorded)))).toEqual(recorded);
  });

  it("is null when nothing is recorded, or the file is not JSON or not the recorded shape", async () => {
    expect(await readOfflineEvaluation(root())).toBeNull();
    expect(await readOfflineEvaluation(root("{"))).toBeNull();
    expect(await readOfflineEvaluation(root(JSON.stringify({ ...recorded, T2: {} })))).toBeNull();
  });
});
