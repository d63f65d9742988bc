"use client";

import { type FormEvent, useState } from "react";
import type { IssueListParams } from "@/lib/query/issues";
import type { FilterKey } from "./use-issue-filters";

/** The free-text filters, by what on-call types: a project slug, an environment, a tenant id… */
export const TEXT_FILTERS = [
  { key: "project", label: "Project", hint: "slug or id" },
  { key: "environment", label: "Environment", hint: "production" },
  { key: "release", label: "Release", hint: "checkout@3.1.0" },
  { key: "owner", label: "Owner team", hint: "#payments" },
  { key: "tenant", label: "Tenant", hint: "tenant id" },
  { key: "user", label: "User", hint: "user id" },
  { key: "incident", label: "Incident", hint: "incident number" },
] as const satisfies readonly { key: FilterKey; label: string; hint: string }[];

/** ISO time → the value a datetime-local input shows (the reader's own zone). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const input =
  "h-8 w-full rounded-md border border-zinc-500 bg-white px-2 text-sm text-zinc-900 placeholder:text-zinc-500";

/**
 * "More filters": applied together on Apply (or Enter), so a half-typed release never hits the
 * API. Keyed by the current filters by the caller, so it shows the URL's values after a change.
 */
export function MoreFilters({
  filters,
  onApply,
}: {
  filters: IssueListParams;
  onApply: (changes: Partial<Record<FilterKey, string | undefined>>) => void;
}) {
  // The form is built the first time the panel opens, not with the page: a datetime-local input
  // makes Chromium load its locale's date formats, 20–40 ms of the list's first render
  // (docs/benchmarks.md, "The list page's first paint: ICU and the date inputs") for a panel that
  // starts closed.
  const [opened, setOpened] = useState(false);
  const active =
    TEXT_FILTERS.filter(({ key }) => filters[key]).length + (filters.start || filters.end ? 1 : 0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "").trim() || undefined;
    const start = fromLocalInput(String(form.get("start") ?? ""));
    const end = fromLocalInput(String(form.get("end") ?? ""));
    onApply({
      ...Object.fromEntries(TEXT_FILTERS.map(({ key }) => [key, text(key)])),
      start,
      end,
      // A custom range replaces a preset period.
      ...(start || end ? { period: undefined } : {}),
    });
  }

  return (
    <details
      className="group w-full rounded-md border border-zinc-500 bg-white open:shadow-sm sm:w-auto"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="flex h-8 cursor-pointer list-none items-center gap-1.5 px-2.5 text-sm font-medium text-zinc-800">
        More filters
        {active > 0 && <span className="rounded-full bg-zinc-900 px-1.5 text-xs text-white">{active}</span>}
        <span aria-hidden className="text-zinc-600 group-open:rotate-180">
          ▾
        </span>
      </summary>
      {opened && (
        <form onSubmit={submit} className="grid gap-3 border-t border-zinc-200 p-3 sm:grid-cols-3">
          {TEXT_FILTERS.map(({ key, label, hint }) => (
            <label key={key} className="space-y-1 text-xs font-medium text-zinc-700">
              <span>{label}</span>
              <input
                name={key}
                defaultValue={filters[key] ?? ""}
                placeholder={hint}
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                className={input}
              />
            </label>
          ))}
          <label className="space-y-1 text-xs font-medium text-zinc-700">
            <span>Last seen from</span>
            <input
              type="datetime-local"
              name="start"
              defaultValue={toLocalInput(filters.start)}
              className={input}
            />
          </label>
          <label className="space-y-1 text-xs font-medium text-zinc-700">
            <span>Last seen before</span>
            <input
              type="datetime-local"
              name="end"
              defaultValue={toLocalInput(filters.end)}
              className={input}
            />
          </label>
          <div className="flex items-end sm:col-span-3">
            <button
              type="submit"
              className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700"
            >
              Apply filters
            </button>
          </div>
        </form>
      )}
    </details>
  );
}
