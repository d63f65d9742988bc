"use client";

import { useState } from "react";
import type { ActionAvailability, IssueActionInput } from "@/lib/contracts/issue-actions";
import { errorMessage } from "@/lib/query/api-fetch";

type Until = "escalating" | "forever" | "60" | "1440" | "10080";

const UNTIL_OPTIONS: { value: Until; label: string }[] = [
  { value: "escalating", label: "until it escalates" },
  { value: "60", label: "for 1 hour" },
  { value: "1440", label: "for 24 hours" },
  { value: "10080", label: "for 7 days" },
  { value: "forever", label: "forever" },
];

const buttonClass =
  "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 disabled:cursor-not-allowed disabled:opacity-50";

/**
 * Resolve (or unresolve), archive and assign-to-team buttons, for one issue or all of an incident's
 * (`scope` names which in the labels). Shown to triagers and admins only; the API enforces it too.
 */
export function ActionControls({
  status,
  scope = "",
  defaultTeam,
  teams,
  disabled,
  onAct,
}: {
  /** The status the issue has or is about to have: resolve and archive for unresolved, else unresolve. */
  status: string;
  scope?: string;
  defaultTeam: string | null;
  teams: string[];
  disabled: boolean;
  onAct: (input: IssueActionInput) => void;
}) {
  const [until, setUntil] = useState<Until>("escalating");
  const [team, setTeam] = useState(defaultTeam ?? "");
  const archiveUntil = until === "escalating" || until === "forever" ? until : { minutes: Number(until) };
  const suffix = scope ? ` ${scope}` : "";
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="action-controls">
      {status === "unresolved" ? (
        <>
          <button
            type="button"
            className={buttonClass}
            disabled={disabled}
            onClick={() => onAct({ action: "resolve" })}
          >
            Resolve{suffix}
          </button>
          <span className="flex items-center gap-1.5">
            <button
              type="button"
              className={buttonClass}
              disabled={disabled}
              onClick={() => onAct({ action: "archive", until: archiveUntil })}
            >
              Archive{suffix}
            </button>
            <select
              aria-label="Archive for how long"
              value={until}
              onChange={(e) => setUntil(e.target.value as Until)}
              disabled={disabled}
              className="rounded-md border border-zinc-300 bg-white px-1.5 py-1.5 text-sm"
            >
              {UNTIL_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </span>
        </>
      ) : (
        <button
          type="button"
          className={buttonClass}
          disabled={disabled}
          onClick={() => onAct({ action: "unresolve" })}
        >
          Unresolve{suffix}
        </button>
      )}
      <form
        className="flex items-center gap-1.5"
        onSubmit={(event) => {
          event.preventDefault();
          if (team.trim()) onAct({ action: "assign", team: team.trim() });
        }}
      >
        <input
          aria-label="Team to assign in Sentry"
          value={team}
          onChange={(e) => setTeam(e.target.value)}
          placeholder="#team"
          list="action-teams"
          disabled={disabled}
          className="w-36 rounded-md border border-zinc-300 px-2 py-1.5 text-sm"
        />
        <datalist id="action-teams">
          {teams.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <button type="submit" className={buttonClass} disabled={disabled || team.trim() === ""}>
          Assign{suffix}
        </button>
      </form>
    </div>
  );
}

/** Why the controls are disabled, and the request's error: the same words on the issue and incident pages. */
export function ActionNotices({
  canAct,
  availability,
  error,
}: {
  canAct: boolean;
  availability: ActionAvailability | undefined;
  error: unknown;
}) {
  return (
    <>
      {canAct && availability && !availability.enabled && (
        <p role="note" data-testid="actions-off" className="text-sm text-amber-800">
          Actions cannot reach Sentry: {availability.reason}
        </p>
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(error)}
        </p>
      ) : null}
    </>
  );
}
