import { frameBasenames, LOOKBACK_MS, rankSuspectCommits } from "@/lib/analysis/suspect-commits";
import type { Frame, Suspects } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { countReleaseCommits, getFirstSeenRelease, listCandidateCommits } from "@/lib/db/queries/commits";

/**
 * Stores a release's commits from Sentry when none are stored yet; handed in by whoever starts the
 * worker (reading Sentry into rows is ingest's work). A SentryRateLimitError propagates.
 */
export type FetchReleaseCommits = (db: Database, issueId: string, release: string) => Promise<void>;

// Enough for a busy monorepo's month of commits touching the same few file names; the ranking
// keeps the top five of them.
const MAX_CANDIDATES = 500;

/**
 * The issue's suspect release (that of its earliest stored event carrying one) and the stored
 * commits that touched its in-app frames' files before it was first seen, ranked.
 */
export async function findSuspects(
  db: Database,
  issue: { id: string; firstSeen: Date },
  inAppFrames: Frame[],
  fetchReleaseCommits: FetchReleaseCommits | null,
): Promise<Suspects> {
  const release = await getFirstSeenRelease(db, issue.id);
  if (release && fetchReleaseCommits && (await countReleaseCommits(db, release)) === 0) {
    await fetchReleaseCommits(db, issue.id, release);
  }
  const commits = await listCandidateCommits(db, {
    basenames: frameBasenames(inAppFrames),
    since: new Date(issue.firstSeen.getTime() - LOOKBACK_MS),
    until: issue.firstSeen,
    release,
    limit: MAX_CANDIDATES,
  });
  return rankSuspectCommits({ inAppFrames, firstSeen: issue.firstSeen, release, commits });
}
