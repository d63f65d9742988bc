import type { ReactNode } from "react";

export function EmptyState({
  title,
  children,
  action,
  headingLevel = 2,
}: {
  title: string;
  /** 1 when the empty state is all the page has (a not-found page), so the page still has a heading. */
  headingLevel?: 1 | 2;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      {headingLevel === 1 ? (
        <h1 className="text-base font-semibold text-zinc-900">{title}</h1>
      ) : (
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
      )}
      {children && <div className="mt-2 max-w-lg text-sm text-zinc-600">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
