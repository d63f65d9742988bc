import { ReleaseLink } from "@/app/_components/page-links";
import { RelativeTime } from "@/app/_components/relative-time";
import type { Analysis } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

type Suspects = NonNullable<Analysis["suspects"]>;

const TITLE = "Suspect release and commits";

/** The release the issue was first seen in and the commits most likely to have caused it, each with why. */
export function SuspectsCard({ suspects }: { suspects: Suspects | null }) {
  return (
    <SectionCard
      title={TITLE}
      aside={
        <span data-testid="suspect-release" className="text-xs text-zinc-500">
          {suspects?.release ? (
            <>
              first seen in release <ReleaseLink release={suspects.release} className="text-zinc-800" />
            </>
          ) : (
            "no release: the events carry none"
          )}
        </span>
      }
    >
      {suspects && suspects.commits.length > 0 ? (
        <ol aria-label="Suspect commits" className="divide-y divide-zinc-100">
          {suspects.commits.map((commit) => (
            <SuspectCommit key={commit.sha} commit={commit} />
          ))}
        </ol>
      ) : (
        <NoSuspects analysed={suspects !== null} />
      )}
    </SectionCard>
  );
}

function SuspectCommit({ commit }: { commit: Suspects["commits"][number] }) {
  return (
    <li className="space-y-1 py-2 first:pt-0 last:pb-0">
      <div className="flex min-w-0 flex-wrap items-baseline gap-x-2">
        <span className="font-mono text-xs text-zinc-500" title={`${commit.repo} ${commit.sha}`}>
          {commit.sha.slice(0, 7)}
        </span>
        <span className="min-w-0 truncate text-sm font-medium text-zinc-900">
          {commit.message || "(no message)"}
        </span>
        <span className="ml-auto text-xs text-zinc-500">
          {commit.author ?? "unknown author"} · <RelativeTime value={commit.committedAt} /> · score{" "}
          {Math.round(commit.score * 100)}%
        </span>
      </div>
      <ul aria-label="Why" className="list-disc pl-5 text-xs text-zinc-600">
        {commit.why.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </li>
  );
}

function NoSuspects({ analysed }: { analysed: boolean }) {
  return (
    <div data-testid="suspects-empty" className="space-y-1.5 text-sm text-zinc-500">
      <p>
        {analysed
          ? "No stored commit changed this issue's in-app files before it was first seen."
          : "Suspect commits are computed with the next analysis of this issue."}
      </p>
      <p className="text-xs">
        Sift reads a release's commits from Sentry when <code className="font-mono">SENTRY_API_TOKEN</code> is
        set and the release has commits there, or imports them from a local clone:{" "}
        <code className="font-mono">
          npm run import:commits -- &lt;repo path&gt; [--release &lt;name&gt;]
        </code>
        .
      </p>
    </div>
  );
}
