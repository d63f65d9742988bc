"use client";

import { EmptyState } from "@/app/_components/empty-state";
import { ErrorState } from "@/app/_components/error-state";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { Skeleton } from "@/app/_components/skeleton";
import type { ModelsResponse } from "@/lib/contracts/feedback";
import { errorMessage } from "@/lib/query/api-fetch";
import { useModels } from "@/lib/query/feedback";

const MODEL_LABELS: Record<ModelsResponse["models"][number]["kind"], string> = {
  owner: "Owner",
  category: "Category",
  priority: "Priority",
  duplicate_of: "Likely duplicate",
  incident_root: "Incident root",
};

const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);

/** How often triagers agreed with each model, week by week, beside the offline evaluation. */
export function ModelAccuracy() {
  const query = useModels();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-zinc-900">Models</h1>
        <p className="text-sm text-zinc-600">
          Accuracy from triagers&apos; feedback: confirmed ÷ (confirmed + corrected), and the latest offline
          evaluation.
        </p>
      </div>
      {query.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : query.data ? (
        <>
          <FeedbackTable models={query.data.models} />
          <Evaluation evaluation={query.data.evaluation} />
        </>
      ) : (
        <ErrorState
          title="Could not load models"
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
    </div>
  );
}

function FeedbackTable({ models }: { models: ModelsResponse["models"] }) {
  const weeks = [...new Set(models.flatMap((m) => m.weeks.map((w) => w.week)))].sort().slice(-6);
  return (
    <section aria-labelledby="feedback-heading" className="rounded-lg border border-zinc-200 bg-white">
      <h2
        id="feedback-heading"
        className="border-b border-zinc-200 px-4 py-2 text-sm font-semibold text-zinc-900"
      >
        From feedback
      </h2>
      {models.every((m) => m.confirmed + m.corrected === 0) && (
        <p data-testid="feedback-hint" className="px-4 pt-3 pb-1 text-sm text-zinc-600">
          Nothing confirmed or corrected yet. Triagers and admins answer each verdict on an issue page with
          Confirm or Correct…; every answer counts here at once, a corrected owner, category or priority
          replaces Sift&apos;s on that issue within seconds, and corrected owners teach the learned owner.
        </p>
      )}
      <ScrollRegion label="Accuracy by model">
        <table data-testid="model-accuracy" className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="px-4 py-2 font-medium">Model</th>
              <th className="px-4 py-2 font-medium">Confirmed</th>
              <th className="px-4 py-2 font-medium">Corrected</th>
              <th className="px-4 py-2 font-medium">Accuracy</th>
              {weeks.map((week) => (
                <th key={week} className="px-4 py-2 font-medium whitespace-nowrap">
                  wk of {week}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {models.map((m) => (
              <tr key={m.kind} data-testid={`model-${m.kind}`}>
                <td className="px-4 py-2 font-medium text-zinc-900">{MODEL_LABELS[m.kind]}</td>
                {m.confirmed + m.corrected === 0 ? (
                  <td colSpan={3 + weeks.length} className="px-4 py-2 text-zinc-500 italic">
                    no feedback yet
                  </td>
                ) : (
                  <>
                    <td className="px-4 py-2">{m.confirmed}</td>
                    <td className="px-4 py-2">{m.corrected}</td>
                    <td className="px-4 py-2 font-medium" data-testid={`accuracy-${m.kind}`}>
                      {percent(m.accuracy)}
                    </td>
                    {weeks.map((week) => {
                      const w = m.weeks.find((x) => x.week === week);
                      return (
                        <td key={week} className="px-4 py-2 text-zinc-600">
                          {w ? `${percent(w.accuracy)} (${w.confirmed + w.corrected})` : "—"}
                        </td>
                      );
                    })}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Evaluation({ evaluation }: { evaluation: ModelsResponse["evaluation"] }) {
  if (!evaluation) {
    return (
      <EmptyState title="No offline evaluation recorded">
        Run <code className="font-mono">npm run eval -- --data &lt;dir&gt;</code>; it records its numbers in
        docs/eval-latest.json.
      </EmptyState>
    );
  }
  const rows: [string, string, string][] = [
    ["Similar issues (T1)", "RR@1 / MRR", `${evaluation.T1["RR@1"]} / ${evaluation.T1.MRR}`],
    ["Likely duplicate (T2)", "AUC", String(evaluation.T2.AUC)],
    ["Owner (T3)", "acc@1 / acc@3", `${evaluation.T3["acc@1"]} / ${evaluation.T3["acc@3"]}`],
  ];
  return (
    <section aria-labelledby="eval-heading" className="rounded-lg border border-zinc-200 bg-white">
      <h2
        id="eval-heading"
        className="border-b border-zinc-200 px-4 py-2 text-sm font-semibold text-zinc-900"
      >
        Offline evaluation{" "}
        <span className="font-normal text-zinc-500">
          · {evaluation.data}, {evaluation.recordedAt.slice(0, 10)}
        </span>
      </h2>
      <table data-testid="offline-evaluation" className="w-full text-left text-sm">
        <tbody className="divide-y divide-zinc-100">
          {rows.map(([model, metric, value]) => (
            <tr key={model}>
              <td className="px-4 py-2 font-medium text-zinc-900">{model}</td>
              <td className="px-4 py-2 text-zinc-500">{metric}</td>
              <td className="px-4 py-2 font-mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
