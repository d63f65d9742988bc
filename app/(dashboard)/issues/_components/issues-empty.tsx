"use client";

import { useEffect, useState } from "react";
import { EmptyState } from "@/app/_components/empty-state";

const WEBHOOK_PATH = "/api/webhooks/sentry";

/** First-run state: the list fills only once Sentry sends webhooks, so say exactly where to point them. */
export function NoIssuesYet() {
  // The absolute URL is what gets pasted into Sentry; window is only known after mount.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);

  return (
    <EmptyState title="No issues yet">
      <p>
        Sift lists issues as Sentry reports them. In Sentry, create an internal integration with the{" "}
        <strong className="font-medium text-zinc-800">issue</strong> webhook enabled and set its webhook URL
        to:
      </p>
      <code className="mt-3 block rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs text-zinc-800 select-all">
        {origin}
        {WEBHOOK_PATH}
      </code>
      <p className="mt-3">
        The README (&ldquo;Connecting a real Sentry organisation&rdquo;) covers the client secret;{" "}
        <code className="font-mono text-xs">npm run demo</code> sends signed sample deliveries. New issues
        show up here within seconds.
      </p>
    </EmptyState>
  );
}

export function NoMatchingIssues({ onClear }: { onClear: () => void }) {
  return (
    <EmptyState
      title="No issues match these filters"
      action={
        <button
          type="button"
          onClick={onClear}
          className="rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-50"
        >
          Clear filters
        </button>
      }
    >
      <p>Remove a filter above, or clear them all.</p>
    </EmptyState>
  );
}
