import { OwnerBadge } from "@/app/_components/owner-badge";
import { RelativeTime } from "@/app/_components/relative-time";
import type { Analysis } from "@/lib/contracts/issues";
import { BlastRadius } from "./blast-radius";
import { InAppFrames } from "./in-app-frames";
import { SectionCard } from "./section-card";

/** What on-call needs first: what broke, who owns it, how many people it hurts, where in our code. */
export function AnalysisCard({ analysis }: { analysis: Analysis | null }) {
  if (!analysis) return <AnalysisPending />;

  return (
    <SectionCard
      title="Analysis"
      aside={
        <span className="text-xs text-zinc-500">
          analysed <RelativeTime value={analysis.createdAt} /> · v{analysis.analyserVersion}
        </span>
      }
    >
      <p data-testid="analysis-summary" className="text-sm leading-relaxed text-zinc-800">
        {analysis.summary}
      </p>
      <div className="mt-5 grid gap-6 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <Owner owner={analysis.owner} />
        <BlastRadius blastRadius={analysis.blastRadius} />
      </div>
      <InAppFrames frames={analysis.inAppFrames} />
    </SectionCard>
  );
}

function Owner({ owner }: { owner: Analysis["owner"] }) {
  return (
    <section data-testid="owner" aria-labelledby="owner-heading" className="space-y-1.5">
      <h3 id="owner-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
        Owner
      </h3>
      <OwnerBadge owner={owner.owner} />
      {owner.source === "ownership_rule" && owner.rule ? (
        <p className="text-xs text-zinc-500">
          matched rule <code className="font-mono break-all text-zinc-700">{owner.rule}</code>
        </p>
      ) : (
        <p className="text-xs text-zinc-500">fallback: no ownership rule matched</p>
      )}
    </section>
  );
}

function AnalysisPending() {
  return (
    <SectionCard title="Analysis">
      <div role="status" className="flex items-center gap-3 text-sm text-zinc-600">
        <span
          aria-hidden
          className="size-3 animate-spin rounded-full border-2 border-zinc-300 border-t-zinc-700"
        />
        <span>
          <span className="font-medium text-zinc-800">Analysing…</span> summary, owner and blast radius
          usually arrive within a few seconds.
        </span>
      </div>
    </SectionCard>
  );
}
