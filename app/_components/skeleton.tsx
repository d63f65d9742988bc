/** Grey placeholder block; callers set the size so the layout doesn't jump when data arrives. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-zinc-200/80 ${className}`} />;
}
