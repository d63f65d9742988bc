import { normaliseFilename } from "./normalise-filename";
import type { Frame, SuspectCommit, Suspects } from "./types";

/** A stored commit with the paths it changed (relative to its repository's root). */
export type CandidateCommit = {
  sha: string;
  repo: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  committedAt: Date;
  release: string | null;
  files: string[];
};

export type SuspectCommitsInput = {
  /** The in-app frames, oldest first as Sentry sends them: the last one threw. */
  inAppFrames: Frame[];
  firstSeen: Date;
  /** The release the issue was first seen in, when any event carried one. */
  release: string | null;
  commits: CandidateCommit[];
  limit?: number;
};

// The free parameters, three in all:
// - Only commits this long before first seen are candidates: older code has usually run long
//   enough to have shown its bugs already. The loading query uses the same window.
export const LOOKBACK_MS = 30 * 24 * 3_600_000;
// - Time evidence halves every three days: a change from the day before counts for much more than
//   one from last week, yet a commit that waited a weekend for its deploy is not dismissed.
const HALF_LIFE_MS = 72 * 3_600_000;
// - Shipping in the suspect release and being recent weigh the same, half each: either alone
//   makes a commit half as suspect as one with both.
const RELEASE_SHARE = 0.5;
// Frame weights need no parameter: the frame that threw counts 1, the next one out 1/2, then 1/3…
// so a commit touching several frames outranks one touching a single outer frame.

const DEFAULT_LIMIT = 5;
const WHY_FILES = 3;

const segmentsOf = (path: string) => path.split("/").filter((s) => s && s !== ".");

/** One path ends with all the segments of the other: `src/cart.ts` matches `/app/src/cart.ts`. */
function isSegmentSuffix(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return false;
  const offset = long.length - short.length;
  return short.every((segment, i) => segment === long[offset + i]);
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min before first seen`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} h before first seen`;
  return `${Math.round(ms / 86_400_000)} days before first seen`;
}

function frameLabel(depth: number, frame: Frame): string {
  const where = depth === 0 ? "top in-app frame" : `in-app frame ${depth + 1} from the top`;
  return frame.lineNo === null ? where : `${where}, line ${frame.lineNo}`;
}

function authorOf(commit: CandidateCommit): string | null {
  if (commit.authorName && commit.authorEmail) return `${commit.authorName} <${commit.authorEmail}>`;
  return commit.authorName ?? commit.authorEmail;
}

/**
 * Ranks the commits that touched the files of an issue's in-app frames before it was first seen.
 * A commit counts only when one of its paths and a frame's normalised filename end in the same
 * path segments, and only when committed at or before first seen (and within LOOKBACK_MS, or in
 * the suspect release). Its score is the product of
 *   frames: Σ 1/(1 + depth) over the distinct frames it touched, depth 0 being the frame that
 *           threw, divided by the largest such sum among the frames (so 1 = it touched them all);
 *   timing: (1 − RELEASE_SHARE) · 2^(−age / HALF_LIFE_MS) + RELEASE_SHARE · [in the suspect release].
 * Each suspect's `why` lists the files and frames, the time before first seen and the release.
 * Ties go to the newer commit. O(commits × files × frames).
 */
export function rankSuspectCommits(input: SuspectCommitsInput): Suspects {
  // Top frame first; a file in several frames (recursion, callbacks) counts once, at its depth
  // nearest the top.
  const seen = new Set<string>();
  const frames = input.inAppFrames
    .map((frame) => ({ frame, path: normaliseFilename(frame.filename) }))
    .reverse()
    .map((f, depth) => ({ ...f, depth, segments: f.path ? segmentsOf(f.path) : [] }))
    .filter((f) => f.segments.length > 0 && !seen.has(f.path as string) && seen.add(f.path as string));
  const maxFrameWeight = frames.reduce((sum, f) => sum + 1 / (1 + f.depth), 0);
  const firstSeen = input.firstSeen.getTime();
  const suspects: SuspectCommit[] = [];

  for (const commit of input.commits) {
    const age = firstSeen - commit.committedAt.getTime();
    const inRelease = input.release !== null && commit.release === input.release;
    if (age < 0 || (age > LOOKBACK_MS && !inRelease)) continue;
    const touched = new Map<number, { path: string; label: string }>();
    for (const file of commit.files) {
      const segments = segmentsOf(file);
      for (const f of frames) {
        if (touched.has(f.depth) || !isSegmentSuffix(segments, f.segments)) continue;
        touched.set(f.depth, { path: file, label: frameLabel(f.depth, f.frame) });
      }
    }
    if (touched.size === 0) continue;
    const depths = [...touched.keys()].sort((a, b) => a - b);
    const frameScore = depths.reduce((sum, d) => sum + 1 / (1 + d), 0) / maxFrameWeight;
    const timing = (1 - RELEASE_SHARE) * 2 ** (-age / HALF_LIFE_MS) + (inRelease ? RELEASE_SHARE : 0);
    const why = depths.slice(0, WHY_FILES).map((d) => {
      const t = touched.get(d) as { path: string; label: string };
      return `touched ${t.path} (${t.label})`;
    });
    if (depths.length > WHY_FILES) why.push(`and ${depths.length - WHY_FILES} more in-app frames`);
    why.push(ago(age));
    if (inRelease) why.push(`in release ${input.release}`);
    suspects.push({
      sha: commit.sha,
      repo: commit.repo,
      message: commit.message.split("\n", 1)[0] ?? "",
      author: authorOf(commit),
      committedAt: commit.committedAt.toISOString(),
      why,
      score: Math.round(frameScore * timing * 1000) / 1000,
    });
  }
  suspects.sort((a, b) => b.score - a.score || b.committedAt.localeCompare(a.committedAt));
  return { release: input.release, commits: suspects.slice(0, input.limit ?? DEFAULT_LIMIT) };
}

/** The last path segment of each in-app frame's normalised filename: what the loading query matches. */
export function frameBasenames(inAppFrames: Frame[]): string[] {
  const names = inAppFrames
    .map((frame) => segmentsOf(normaliseFilename(frame.filename) ?? "").at(-1))
    .filter((name): name is string => Boolean(name));
  return [...new Set(names)];
}
