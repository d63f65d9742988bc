/** How sure Sift is of the root, in words and as a number, so nobody reads 0.55 as certainty. */
export function RootConfidence({ confidence, pinned }: { confidence: number; pinned: boolean }) {
  if (pinned) return <span className="text-xs font-medium text-emerald-700">root set by a triager</span>;
  const pct = Math.round(confidence * 100);
  const [word, tone] =
    confidence >= 0.8
      ? ["likely", "text-emerald-700"]
      : confidence >= 0.5
        ? ["probable", "text-amber-700"]
        : ["uncertain", "text-zinc-600"];
  return (
    <span
      className={`text-xs font-medium ${tone}`}
      title="Probability that this is the root, from the evidence"
    >
      {word} root · {pct}%
    </span>
  );
}
