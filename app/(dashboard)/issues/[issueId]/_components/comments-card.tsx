import { RelativeTime } from "@/app/_components/relative-time";
import type { IssueComment } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

/** The issue's discussion in Sentry; what Sift itself wrote there is marked. */
export function CommentsCard({ comments }: { comments: IssueComment[] }) {
  return (
    <SectionCard title="Comments" aside={<span className="text-xs text-zinc-500">from Sentry</span>}>
      {comments.length === 0 ? (
        <p className="text-sm text-zinc-500">No comments on this issue in Sentry.</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {comments.map((comment) => (
            <li key={comment.id} data-testid="comment" className="py-2 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                <span className="font-medium text-zinc-800">{comment.author?.name ?? "someone"}</span>
                {comment.own && (
                  <span
                    data-testid="own-comment"
                    className="rounded-md bg-zinc-900 px-1.5 py-0.5 text-[10px] font-medium text-white"
                  >
                    Sift
                  </span>
                )}
                <RelativeTime value={comment.createdAt} />
                {comment.editedAt && <span>(edited)</span>}
              </div>
              <p className="mt-1 text-sm break-words whitespace-pre-wrap text-zinc-800">{comment.text}</p>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
