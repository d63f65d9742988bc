import { Skeleton } from "@/app/_components/skeleton";
import { IssueTableFrame } from "./issue-table";

const ROWS = 8;

/** Same table frame as the real list, so nothing shifts when the first page lands. */
export function IssueListSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true">
      <span className="sr-only" role="status">
        Loading issues…
      </span>
      <div className="flex items-center justify-between gap-3">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-8 w-80" />
      </div>
      <IssueTableFrame>
        <tbody>
          {Array.from({ length: ROWS }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
            <tr key={index} className="border-t border-zinc-100">
              <td className="px-2 py-3">
                <Skeleton className="size-2.5 rounded-full" />
              </td>
              <td className="px-2 py-2">
                <Skeleton className="h-4 w-7" />
              </td>
              <td className="space-y-1.5 px-2 py-2">
                <Skeleton className="h-4 w-3/4" />
                <Skeleton className="h-3 w-1/2" />
              </td>
              {Array.from({ length: 7 }, (_, column) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
                <td key={column} className="px-2 py-2">
                  <Skeleton className="h-4 w-full" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </IssueTableFrame>
    </div>
  );
}
