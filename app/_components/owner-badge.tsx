import Link from "next/link";
import { LIST_LINK_PREFETCH, teamHref } from "./page-links";

const badge =
  "inline-block max-w-full truncate rounded-md bg-zinc-900 px-1.5 py-0.5 align-middle text-xs font-medium text-white";

/**
 * Who should pick the issue up, as a link to that team's queue; an unknown owner is shown
 * explicitly rather than left blank.
 */
export function OwnerBadge({ owner, testId }: { owner: string | null; testId?: string }) {
  if (!owner) {
    return (
      <span data-testid={testId} className="text-xs text-zinc-600 italic">
        unassigned
      </span>
    );
  }
  return (
    <Link
      href={teamHref(owner)}
      prefetch={LIST_LINK_PREFETCH}
      data-testid={testId ?? "owner-link"}
      title={`${owner}: open its queue`}
      className={`${badge} hover:bg-zinc-700`}
    >
      {owner}
    </Link>
  );
}
