"use client";

import { useState } from "react";
import { RelativeTime } from "@/app/_components/relative-time";
import { useAuth } from "@/lib/auth/auth-context";
import { hasRole } from "@/lib/auth/roles";
import type { FeedbackItem, FeedbackKind } from "@/lib/contracts/feedback";
import { errorMessage } from "@/lib/query/api-fetch";
import { useGiveFeedback } from "@/lib/query/feedback";

export type Picker =
  | { type: "select"; options: { value: string; label: string }[] }
  | { type: "text"; placeholder: string; suggestions?: string[] };

/** The value a triager's newest correction gave, which the page shows in place of Sift's; else null. */
export const correctedValue = (latest: FeedbackItem | undefined) =>
  latest?.verdict === "correct" ? latest.value : null;

/** "corrected by bob 2 min ago", and what Sift had said when it was corrected. */
export function FeedbackNote({
  latest,
  label,
}: {
  latest: FeedbackItem | undefined;
  label?: (v: string) => string;
}) {
  if (!latest) return null;
  const said = latest.verdict === "correct" && latest.siftSaid && latest.siftSaid !== latest.value;
  return (
    <p
      data-testid={`feedback-${latest.kind}`}
      data-verdict={latest.verdict}
      className="text-xs text-zinc-500"
    >
      {latest.verdict === "correct" ? "corrected" : "confirmed"} by{" "}
      <span className="font-medium text-zinc-700">{latest.by}</span> <RelativeTime value={latest.at} />
      {said && latest.siftSaid ? (
        <span data-testid={`sift-said-${latest.kind}`}>
          {" "}
          · Sift said {label ? label(latest.siftSaid) : latest.siftSaid}
        </span>
      ) : null}
    </p>
  );
}

/** Confirm or correct one verdict; shown to triagers and admins only (the API enforces it too). */
export function FeedbackControls({
  issueId,
  kind,
  picker,
  canConfirm = true,
}: {
  issueId: string;
  kind: FeedbackKind;
  picker: Picker;
  canConfirm?: boolean;
}) {
  const { user } = useAuth();
  const give = useGiveFeedback(issueId);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState("");
  if (!user || !hasRole(user, "triager")) return null;
  const listId = `feedback-${kind}-options`;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    give.mutate({ kind, verdict: "correct", value }, { onSuccess: () => setEditing(false) });
  };
  return (
    <div className="mt-1 space-y-1 text-xs" data-testid={`feedback-controls-${kind}`}>
      {editing ? (
        <form onSubmit={submit} className="flex flex-wrap items-center gap-1.5">
          {picker.type === "select" ? (
            <select
              aria-label={`Correct ${kind}`}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              className="rounded border border-zinc-300 px-1.5 py-1"
            >
              <option value="">choose…</option>
              {picker.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <>
              <input
                aria-label={`Correct ${kind}`}
                value={value}
                onChange={(e) => setValue(e.target.value)}
                placeholder={picker.placeholder}
                list={picker.suggestions ? listId : undefined}
                className="w-36 rounded border border-zinc-300 px-1.5 py-1"
              />
              {picker.suggestions ? (
                <datalist id={listId}>
                  {picker.suggestions.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              ) : null}
            </>
          )}
          <button
            type="submit"
            disabled={value.trim() === "" || give.isPending}
            className="rounded bg-zinc-900 px-2 py-1 font-medium text-white disabled:opacity-50"
          >
            Save
          </button>
          <button
            type="button"
            onClick={() => setEditing(false)}
            className="px-1 text-zinc-500 hover:text-zinc-900"
          >
            Cancel
          </button>
        </form>
      ) : (
        <div className="flex gap-2">
          {canConfirm ? (
            <button
              type="button"
              disabled={give.isPending}
              onClick={() => give.mutate({ kind, verdict: "confirm" })}
              className="font-medium text-emerald-700 hover:underline disabled:opacity-50"
            >
              Confirm
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="font-medium text-zinc-600 hover:text-zinc-900 hover:underline"
          >
            Correct…
          </button>
        </div>
      )}
      {give.isError ? (
        <p role="alert" className="text-red-700">
          {errorMessage(give.error)}
        </p>
      ) : null}
    </div>
  );
}
