import { Count } from "@/app/_components/count";
import { TenantLink } from "@/app/_components/page-links";
import type { Analysis } from "@/lib/contracts/issues";

type SentryTotals = { events: number | null; users: number | null };
type Props = { blastRadius: Analysis["blastRadius"]; sentryTotals?: SentryTotals };

export function BlastRadius({ blastRadius, sentryTotals }: Props) {
  return (
    <section data-testid="blast-radius" aria-labelledby="blast-radius-heading" className="min-w-0 space-y-3">
      <h3 id="blast-radius-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
        Blast radius
      </h3>
      <dl className="flex gap-6">
        <Stat label="Events" value={blastRadius.events} />
        <Stat label="Users" value={blastRadius.users} />
        <Stat label="Tenants" value={blastRadius.tenants} />
      </dl>
      <SentryTotalsNote blastRadius={blastRadius} totals={sentryTotals} />
      <div className="grid gap-4 lg:grid-cols-2">
        <TopTenants tenants={blastRadius.topTenants} />
        <Roles roles={blastRadius.roles} />
      </div>
    </section>
  );
}

/**
 * Sift counts the events it stored. When Sentry reports more (Sift got the issue by an issue.*
 * webhook or the poll and read only its latest event), say so: on-call must not read "1 user" as
 * the blast radius of an issue Sentry has seen hit 800.
 */
function SentryTotalsNote({
  blastRadius,
  totals,
}: {
  blastRadius: Props["blastRadius"];
  totals?: SentryTotals;
}) {
  const moreEvents = totals?.events != null && totals.events > blastRadius.events;
  const moreUsers = totals?.users != null && totals.users > blastRadius.users;
  if (!moreEvents && !moreUsers) return null;
  return (
    <p data-testid="sentry-totals" className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">
      Sentry counts <Count value={totals?.events ?? blastRadius.events} /> events and{" "}
      <Count value={totals?.users ?? blastRadius.users} /> users in all; the figures above cover the events
      Sift received, so tenants and roles may be undercounted.
    </p>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="text-lg font-semibold text-zinc-900">
        <Count value={value} />
      </dd>
    </div>
  );
}

const th = "px-2 py-1 font-medium";

function TopTenants({ tenants }: { tenants: Props["blastRadius"]["topTenants"] }) {
  if (tenants.length === 0) return <p className="text-xs text-zinc-500">No tenant data on these events.</p>;
  return (
    <table className="w-full text-xs">
      <caption className="pb-1 text-left font-medium text-zinc-600">Top tenants</caption>
      <thead className="bg-zinc-50 text-left text-zinc-500">
        <tr>
          <th scope="col" className={th}>
            Tenant
          </th>
          <th scope="col" className={`${th} text-right`}>
            Events
          </th>
          <th scope="col" className={`${th} text-right`}>
            Users
          </th>
        </tr>
      </thead>
      <tbody>
        {tenants.map((tenant) => (
          <tr key={tenant.tenantId} className="border-t border-zinc-100">
            <td className="truncate px-2 py-1 text-zinc-800">
              <TenantLink tenant={tenant.tenantId} />
            </td>
            <td className="px-2 py-1 text-right">
              <Count value={tenant.events} />
            </td>
            <td className="px-2 py-1 text-right">
              <Count value={tenant.users} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Roles({ roles }: { roles: Props["blastRadius"]["roles"] }) {
  if (roles.length === 0) return <p className="text-xs text-zinc-500">No user roles on these events.</p>;
  return (
    <div>
      <p className="pb-1 text-xs font-medium text-zinc-600">Roles affected</p>
      <ul className="flex flex-wrap gap-1.5">
        {roles.map((role) => (
          <li key={role.role} className="rounded-md bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700">
            {role.role}{" "}
            <span className="font-medium text-zinc-900">
              · {role.users} {role.users === 1 ? "user" : "users"}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
