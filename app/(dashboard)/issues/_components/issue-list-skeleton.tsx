import { Skeleton } from "@/app/_components/skeleton";

const ROWS = 8;

/** Roughly the list's shape (toolbar, then rows), so little shifts when the first page lands. */
export function IssueListSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true">
      <span className="sr-only" role="status">
        Loading issues…
      </span>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-8 w-full sm:w-96" />
      </div>
      <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 bg-white">
        {Array.from({ length: ROWS }, (_, index) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
            key={index}
            className="flex items-start gap-3 border-t border-zinc-100 px-3 py-3 first:border-t-0"
          >
            <Skeleton className="h-4 w-7" />
            <div className="flex-1 space-y-1.5">
              <Skeleton className="h-3 w-1/3" />
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-3 w-1/2" />
            </div>
            <Skeleton className="hidden h-6 w-24 sm:block" />
            <Skeleton className="hidden h-4 w-40 md:block" />
          </div>
        ))}
      </div>
    </div>
  );
}
