"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Which issues arrived at the top of the list since it was opened (or its filters last changed):
 * ids in the first page of a refresh that the list had not shown before. Rows loaded with "Load
 * more" are old news, not arrivals. `view` names the filters, so a new view starts with none.
 */
export function useNewArrivals({
  view,
  firstPageIds,
  laterIds,
  ready,
}: {
  view: string;
  firstPageIds: string[];
  laterIds: string[];
  ready: boolean;
}) {
  const known = useRef<{ view: string; ids: Set<string> } | null>(null);
  const [arrivals, setArrivals] = useState<ReadonlySet<string>>(new Set());
  const firstKey = firstPageIds.join(",");
  const laterKey = laterIds.join(",");

  useEffect(() => {
    if (!ready) return;
    const first = firstKey ? firstKey.split(",") : [];
    const later = laterKey ? laterKey.split(",") : [];
    if (known.current?.view !== view) {
      known.current = { view, ids: new Set([...first, ...later]) };
      setArrivals(new Set());
      return;
    }
    const ids = known.current.ids;
    const fresh = first.filter((id) => !ids.has(id));
    for (const id of [...first, ...later]) ids.add(id);
    if (fresh.length > 0) setArrivals((previous) => new Set([...previous, ...fresh]));
  }, [view, firstKey, laterKey, ready]);

  const markSeen = useCallback(() => setArrivals(new Set()), []);
  return { arrivals, markSeen };
}
