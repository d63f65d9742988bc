import type { Analysis } from "@/lib/contracts/issues";

type Facts = NonNullable<Analysis["summaryFacts"]>;

const pct = (p: number) => `${Math.round(p * 100)}%`;

/**
 * The summary's confidence and what it rests on: every checkable claim with its own probability
 * (their product is the confidence), and whether a language model reworded the text.
 */
export function SummaryEvidence({ facts }: { facts: Facts | null }) {
  if (!facts) return null;
  const explanation = `The chance that all ${facts.claims.length} checkable claims are right: ${facts.claims
    .map((c) => `${c.claim} ${pct(c.confidence)} (${c.basis})`)
    .join(" × ")}`;
  return (
    <div className="mt-2 space-y-1 text-xs text-zinc-500">
      <p>
        <span
          data-testid="summary-confidence"
          data-confidence={facts.confidence}
          title={explanation}
          className="mr-2 cursor-help rounded border border-zinc-200 bg-zinc-50 px-1.5 py-px font-medium text-zinc-700"
        >
          confidence {pct(facts.confidence)}
        </span>
        <span data-testid="summary-origin">
          {facts.rephrasedBy
            ? `reworded by ${facts.rephrasedBy} from these facts only`
            : "built from the evidence, no language model"}
        </span>
      </p>
      <details data-testid="summary-claims">
        <summary className="cursor-pointer select-none">what the confidence rests on</summary>
        <ul className="mt-1 ml-4 list-disc space-y-0.5">
          {facts.claims.map((c) => (
            <li key={c.kind}>
              <span className="text-zinc-700">{c.claim}</span>: {pct(c.confidence)}, {c.basis}
            </li>
          ))}
        </ul>
        {facts.rephrasedBy ? (
          <p className="mt-1">
            Deterministic text: <span className="text-zinc-700">{facts.deterministic}</span>
          </p>
        ) : null}
      </details>
    </div>
  );
}
