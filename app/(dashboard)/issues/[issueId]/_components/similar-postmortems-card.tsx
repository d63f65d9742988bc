import Link from "next/link";
import type { SimilarPostmortem } from "@/lib/contracts/postmortems";
import { SectionCard } from "./section-card";

const REASONS: [key: keyof SimilarPostmortem["why"], label: string, code: boolean][] = [
  ["issues", "names this issue", true],
  ["exceptions", "exception", true],
  ["functions", "functions", true],
  ["files", "files", true],
  ["services", "service", false],
  ["words", "message words", false],
];

// The first few of each kind: the reason should fit a glance; the post-mortem has the rest.
const SHOWN = 4;

/** Post-mortems about failures like this one: what the team learnt last time, and why it matches. */
export function SimilarPostmortemsCard({ postmortems }: { postmortems: SimilarPostmortem[] }) {
  return (
    <SectionCard
      title="Similar post-mortems"
      aside={<span className="text-xs text-zinc-500">by exception, functions, files and service</span>}
    >
      {postmortems.length === 0 ? (
        <p data-testid="similar-postmortems-empty" className="text-sm text-zinc-500">
          No post-mortem describes a failure like this one.
        </p>
      ) : (
        <ol aria-label="Similar post-mortems" className="divide-y divide-zinc-100">
          {postmortems.map((pm) => (
            <li
              key={pm.id}
              data-testid="similar-postmortem-item"
              className="space-y-1 py-2 first:pt-0 last:pb-0"
            >
              <div className="flex min-w-0 flex-wrap items-baseline gap-x-2">
                <Link
                  href={`/postmortems/${pm.id}`}
                  className="min-w-0 text-sm font-medium text-zinc-900 hover:underline"
                >
                  {pm.title}
                </Link>
                <span className="ml-auto shrink-0 text-xs text-zinc-500">
                  {pm.occurredOn ?? pm.createdAt.slice(0, 10)} · score {Math.round(pm.score * 100)}%
                </span>
              </div>
              <dl className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-zinc-600">
                {REASONS.filter(([key]) => pm.why[key].length > 0).map(([key, label, code]) => (
                  <div key={key} className="flex min-w-0 gap-1">
                    <dt className="shrink-0">{label}:</dt>
                    <dd className={`min-w-0 truncate ${code ? "font-mono text-zinc-800" : "text-zinc-800"}`}>
                      {pm.why[key].slice(0, SHOWN).join(", ")}
                      {pm.why[key].length > SHOWN ? ` +${pm.why[key].length - SHOWN}` : ""}
                    </dd>
                  </div>
                ))}
              </dl>
              <Link
                href={`/postmortems/${pm.id}`}
                className="text-xs font-medium text-sky-700 hover:text-sky-900"
              >
                Read the post-mortem →
              </Link>
            </li>
          ))}
        </ol>
      )}
    </SectionCard>
  );
}
