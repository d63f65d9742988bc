import { RelativeTime } from "@/app/_components/relative-time";
import { safeHref } from "@/app/_components/safe-href";
import type { AlertRuleFired, MetricAlert } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

const LEVEL_STYLES: Record<string, string> = {
  critical: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-800",
  resolved: "border-emerald-200 bg-emerald-50 text-emerald-800",
};

/** Which Sentry alert rules fired on this issue, and metric alerts on its project. */
export function AlertsCard({
  rules,
  metricAlerts,
  project,
}: {
  rules: AlertRuleFired[];
  metricAlerts: MetricAlert[];
  project: string;
}) {
  return (
    <SectionCard title="Alerts">
      <div className="space-y-4">
        <section data-testid="alert-rules" className="space-y-1.5">
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
            Issue alert rules fired
          </h3>
          {rules.length === 0 ? (
            <p className="text-xs text-zinc-500">No issue alert rule has fired on this issue.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {rules.map((rule) => (
                <li key={rule.ruleName} className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium break-all text-zinc-800">{rule.ruleName}</span>
                  <span className="text-xs text-zinc-500">
                    {rule.triggers}× · last <RelativeTime value={rule.lastTriggeredAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section data-testid="metric-alerts" className="space-y-1.5">
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
            Metric alerts on {project}
          </h3>
          {metricAlerts.length === 0 ? (
            <p className="text-xs text-zinc-500">No metric alert names this project.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {metricAlerts.map((alert) => (
                <MetricAlertItem key={alert.id} alert={alert} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </SectionCard>
  );
}

function MetricAlertItem({ alert }: { alert: MetricAlert }) {
  const href = safeHref(alert.webUrl);
  const style = LEVEL_STYLES[alert.status] ?? "border-zinc-200 bg-zinc-50 text-zinc-700";
  return (
    <li className="min-w-0">
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded-md border px-1.5 py-0.5 text-xs font-medium ${style}`}>{alert.status}</span>
        {href ? (
          <a
            href={href}
            target="_blank"
            rel="noreferrer"
            className="font-medium break-all text-blue-700 hover:underline"
          >
            {alert.ruleName ?? alert.title} ↗
          </a>
        ) : (
          <span className="font-medium break-all text-zinc-800">{alert.ruleName ?? alert.title}</span>
        )}
      </div>
      <p className="mt-0.5 text-xs break-words text-zinc-500">
        {alert.description ? `${alert.description} · ` : ""}
        {alert.dateStarted ? (
          <>
            started <RelativeTime value={alert.dateStarted} />
          </>
        ) : null}
        {alert.dateClosed ? (
          <>
            {" "}
            · closed <RelativeTime value={alert.dateClosed} />
          </>
        ) : null}
      </p>
    </li>
  );
}
