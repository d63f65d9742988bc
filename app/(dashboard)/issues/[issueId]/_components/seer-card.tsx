import { RelativeTime } from "@/app/_components/relative-time";
import { safeHref } from "@/app/_components/safe-href";
import type { SeerRun } from "@/lib/contracts/seer";
import { SectionCard } from "./section-card";

type Finding = NonNullable<SeerRun["rootCause"]>;

const STAGE_LABELS: Record<string, string> = {
  root_cause: "Root cause",
  solution: "Solution",
  coding: "Code",
  pr: "Pull request",
  triage: "Triage",
  impact_assessment: "Impact",
};

const STAGE_ORDER = Object.keys(STAGE_LABELS);

/** Seer's own order (jsonb keeps keys in its own order); stages Sift does not know go last. */
function stagesInOrder(stages: SeerRun["stages"]) {
  const rank = (stage: string) =>
    STAGE_ORDER.includes(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.length;
  return Object.entries(stages).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Sentry's Seer on this issue: where it thinks the bug is, how to fix it, and its pull request. */
export function SeerCard({ runs }: { runs: SeerRun[] }) {
  const [run, ...earlier] = runs;
  if (!run) {
    return (
      <SectionCard title="Seer">
        <p className="text-sm text-zinc-500">Seer has not looked at this issue yet.</p>
      </SectionCard>
    );
  }
  return (
    <SectionCard
      title="Seer"
      aside={
        <span className="text-xs text-zinc-500">
          run {run.runId} · updated <RelativeTime value={run.updatedAt} />
          {earlier.length > 0 && ` · ${earlier.length} earlier`}
        </span>
      }
    >
      <ul aria-label="Seer stages" className="mb-4 flex flex-wrap gap-1.5">
        {stagesInOrder(run.stages).map(([stage, status]) => (
          <li
            key={stage}
            className={`rounded-md border px-1.5 py-0.5 text-xs ${status === "completed" ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-zinc-200 bg-zinc-50 text-zinc-600"}`}
          >
            {STAGE_LABELS[stage] ?? stage} · {status === "completed" ? "done" : "running…"}
          </li>
        ))}
      </ul>
      <div className="grid gap-5 lg:grid-cols-2">
        <FindingBlock testId="seer-root-cause" title="Root cause" finding={run.rootCause} />
        <FindingBlock testId="seer-solution" title="Solution" finding={run.solution} />
      </div>
      <PullRequests run={run} />
    </SectionCard>
  );
}

function FindingBlock({
  title,
  finding,
  testId,
}: {
  title: string;
  finding: Finding | null;
  testId: string;
}) {
  return (
    <section data-testid={testId} className="min-w-0 space-y-1.5">
      <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
      {!finding ? (
        <p className="text-xs text-zinc-500">Not found yet.</p>
      ) : (
        <>
          {finding.description && <p className="text-sm break-words text-zinc-800">{finding.description}</p>}
          {finding.steps.length > 0 && (
            <ol className="list-decimal space-y-1 pl-5 text-xs text-zinc-700">
              {finding.steps.map((step, index) => {
                const emphasis = step.important ? "font-semibold text-zinc-900" : "";
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional and may repeat
                  <li key={index} className={`break-words ${emphasis}`}>
                    {step.title ?? "(untitled step)"}
                    {step.file && (
                      <span className="ml-1 font-mono font-normal text-zinc-500">{step.file}</span>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function PullRequests({ run }: { run: SeerRun }) {
  if (run.pullRequests.length === 0 && run.changes.length === 0) {
    return <p className="mt-4 text-xs text-zinc-500">No code change or pull request from Seer yet.</p>;
  }
  return (
    <section data-testid="seer-pull-requests" className="mt-4 space-y-1.5">
      <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Fix</h3>
      <ul className="space-y-1 text-sm">
        {run.pullRequests.map((pr, index) => {
          const href = safeHref(pr.url);
          const label = `${pr.repo ?? "pull request"}${pr.number !== null ? ` #${pr.number}` : ""}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a run's pull requests have no id of their own
            <li key={index} className="break-all">
              {href ? (
                <a
                  href={href}
                  target="_blank"
                  rel="noreferrer"
                  className="font-medium text-blue-700 hover:underline"
                >
                  {label} ↗
                </a>
              ) : (
                <span className="text-zinc-700">{label}</span>
              )}
            </li>
          );
        })}
        {run.pullRequests.length === 0 &&
          run.changes.map((change, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: changes have no id of their own
            <li key={index} className="break-words text-zinc-700">
              {change.title ?? "code change"}
              {change.branch && <span className="ml-1 font-mono text-xs text-zinc-500">{change.branch}</span>}
            </li>
          ))}
      </ul>
    </section>
  );
}
