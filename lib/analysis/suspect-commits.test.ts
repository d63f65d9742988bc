import { describe, expect, it } from "vitest";
import { type CandidateCommit, LOOKBACK_MS, rankSuspectCommits } from "./suspect-commits";
import type { Frame } from "./types";

const HOUR = 3_600_000;
const firstSeen = new Date("2024-05-10T12:00:00Z");

const frame = (filename: string | null, lineNo: number | null = null): Frame => ({
  filename,
  function: "f",
  module: null,
  lineNo,
  inApp: true,
});

// Oldest first, as Sentry sends them: cart.ts threw.
const frames = [
  frame("webpack:///./src/app.tsx", 10),
  frame("src/checkout/api.ts", 7),
  frame("src/checkout/cart.ts", 42),
];

let serial = 0;
function commit(files: string[], hoursBefore: number, extra: Partial<CandidateCommit> = {}): CandidateCommit {
  serial += 1;
  return {
    sha: `sha${serial}`,
    repo: "shop",
    message: `change ${serial}\n\nbody`,
    authorName: "Ada",
    authorEmail: "ada@example.com",
    committedAt: new Date(firstSeen.getTime() - hoursBefore * HOUR),
    release: null,
    files,
    ...extra,
  };
}

const rank = (commits: CandidateCommit[], release: string | null = null) =>
  rankSuspectCommits({ inAppFrames: frames, firstSeen, release, commits });

describe("rankSuspectCommits", () => {
  it("explains a commit that touched the frame that threw", () => {
    const { commits } = rank(
      [commit(["web/src/checkout/cart.ts", "README.md"], 3, { release: "2.4.1" })],
      "2.4.1",
    );
    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatchObject({
      sha: expect.stringMatching(/^sha/),
      message: expect.stringMatching(/^change \d+$/),
      author: "Ada <ada@example.com>",
      why: [
        "touched web/src/checkout/cart.ts (top in-app frame, line 42)",
        "3 h before first seen",
        "in release 2.4.1",
      ],
    });
  });

  it("matches whole path segments only, in either direction, after normalising the frame", () => {
    const { commits } = rank([
      commit(["src/app.tsx"], 1), // the frame's webpack:///./ prefix is normalised away
      commit(["other/checkout/cart.ts"], 1), // same file name, different directory
      commit(["src/checkout/mycart.ts"], 1), // a suffix of the text, not of the segments
    ]);
    expect(commits.map((c) => c.why[0])).toEqual([
      "touched src/app.tsx (in-app frame 3 from the top, line 10)",
    ]);
  });

  it("matches a commit path that is longer or shorter than the frame's", () => {
    const deep = [frame("/usr/src/app/src/checkout/cart.ts", 1)];
    const { commits } = rankSuspectCommits({
      inAppFrames: deep,
      firstSeen,
      release: null,
      commits: [commit(["src/checkout/cart.ts"], 1)],
    });
    expect(commits).toHaveLength(1);
  });

  it("excludes commits after first seen and outside the lookback unless in the suspect release", () => {
    const after = commit(["src/checkout/cart.ts"], -1);
    const old = commit(["src/checkout/cart.ts"], LOOKBACK_MS / HOUR + 1);
    const oldInRelease = commit(["src/checkout/cart.ts"], LOOKBACK_MS / HOUR + 1, { release: "2.4.1" });
    const { commits } = rank([after, old, oldInRelease], "2.4.1");
    expect(commits.map((c) => c.sha)).toEqual([oldInRelease.sha]);
  });

  it("ranks the top frame over outer frames, and more frames over fewer", () => {
    const outer = commit(["src/app.tsx"], 2);
    const top = commit(["src/checkout/cart.ts"], 2);
    const both = commit(["src/checkout/cart.ts", "src/checkout/api.ts"], 2);
    const { commits } = rank([outer, top, both]);
    expect(commits.map((c) => c.sha)).toEqual([both.sha, top.sha, outer.sha]);
    // Touching every frame is the strongest frame evidence.
    const all = rank([commit(["src/checkout/cart.ts", "src/checkout/api.ts", "src/app.tsx"], 0)]);
    expect(all.commits[0]?.score).toBe(0.5);
  });

  it("ranks newer commits over older ones, and commits in the suspect release over others", () => {
    const day = commit(["src/checkout/cart.ts"], 24);
    const hour = commit(["src/checkout/cart.ts"], 1);
    const weekInRelease = commit(["src/checkout/cart.ts"], 24 * 7, { release: "2.4.1" });
    const { commits } = rank([day, weekInRelease, hour], "2.4.1");
    expect(commits.map((c) => c.sha)).toEqual([weekInRelease.sha, hour.sha, day.sha]);
    // The half-life: a commit three days older has half the time evidence.
    const [a, b] = rank([commit(["src/checkout/cart.ts"], 0), commit(["src/checkout/cart.ts"], 72)]).commits;
    expect(b?.score).toBeCloseTo((a?.score ?? 0) / 2, 2);
  });

  it("counts a file once however many frames it is in, and keeps the nearest-the-top label", () => {
    const recursive = [frame("src/a.ts", 1), frame("src/a.ts", 2), frame("src/b.ts", 3)];
    const { commits } = rankSuspectCommits({
      inAppFrames: recursive,
      firstSeen,
      release: null,
      commits: [commit(["src/a.ts"], 0)],
    });
    expect(commits[0]?.why[0]).toBe("touched src/a.ts (in-app frame 2 from the top, line 2)");
    // a.ts at depth 1 weighs 1/2 out of 1 + 1/2 for the two distinct files.
    expect(commits[0]?.score).toBeCloseTo(0.5 * (0.5 / 1.5), 3);
  });

  it("returns the release with no commits when nothing matches, and none without frames", () => {
    expect(rank([commit(["docs/x.md"], 1)], "2.4.1")).toEqual({ release: "2.4.1", commits: [] });
    const noFrames = rankSuspectCommits({
      inAppFrames: [frame(null)],
      firstSeen,
      release: null,
      commits: [commit(["src/checkout/cart.ts"], 1)],
    });
    expect(noFrames).toEqual({ release: null, commits: [] });
  });

  it("keeps the strongest few, and formats minutes and days", () => {
    const many = Array.from({ length: 8 }, (_, i) => commit(["src/checkout/cart.ts"], i + 0.25));
    const { commits } = rank(many);
    expect(commits).toHaveLength(5);
    expect(commits[0]?.why).toContain("15 min before first seen");
    expect(rank([commit(["src/checkout/cart.ts"], 24 * 5)]).commits[0]?.why).toContain(
      "5 days before first seen",
    );
  });
});
