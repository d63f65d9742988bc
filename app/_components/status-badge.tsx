const STATUS_STYLES: Record<string, string> = {
  unresolved: "border-amber-200 bg-amber-50 text-amber-800",
  resolved: "border-emerald-200 bg-emerald-50 text-emerald-800",
  ignored: "border-zinc-200 bg-zinc-100 text-zinc-600",
  // Incidents: open while any of their issues is unresolved.
  open: "border-red-200 bg-red-50 text-red-800",
};

/** Sentry issue status (unresolved / resolved / ignored, or anything newer Sentry sends) or an incident's. */
export function StatusBadge({ status }: { status: string }) {
  const style = STATUS_STYLES[status] ?? "border-zinc-200 bg-white text-zinc-700";
  return (
    <span className={`inline-flex items-center rounded-md border px-1.5 py-0.5 text-xs font-medium ${style}`}>
      {status}
    </span>
  );
}
