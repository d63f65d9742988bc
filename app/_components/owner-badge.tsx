/** Who should pick the issue up; an unknown owner is shown explicitly rather than left blank. */
export function OwnerBadge({ owner, testId }: { owner: string | null; testId?: string }) {
  if (!owner) {
    return (
      <span data-testid={testId} className="text-xs text-zinc-600 italic">
        unassigned
      </span>
    );
  }
  return (
    <span
      data-testid={testId}
      title={owner}
      className="inline-block max-w-full truncate rounded-md bg-zinc-900 px-1.5 py-0.5 align-middle text-xs font-medium text-white"
    >
      {owner}
    </span>
  );
}
