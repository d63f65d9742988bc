import Link from "next/link";

// The tenant, team and release pages' addresses, built in one place so every link agrees with the
// route folders (app/(dashboard)/tenants/[tenant], teams/[team], releases/[release]).

export const tenantHref = (tenant: string) => `/tenants/${encodeURIComponent(tenant)}`;
/** "#payments" is /teams/payments; an email owner keeps its address. */
export const teamHref = (owner: string) => `/teams/${encodeURIComponent(owner.replace(/^#/, ""))}`;
export const releaseHref = (release: string) => `/releases/${encodeURIComponent(release)}`;

const linkClass = "underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-900";

/**
 * For links repeated down a list (each row's release, team, tenant, issue): Next prefetches every
 * link that scrolls into view, and the list page's first screen then sent 10–20 prefetches to the
 * one server process while its first rows were still being drawn. The pages they open fetch their
 * data in the browser, so a prefetch saves only the shell's one request.
 */
export const LIST_LINK_PREFETCH = false;

/** A tenant id as a link to everything hurting that tenant. */
export function TenantLink({ tenant, className = "" }: { tenant: string; className?: string }) {
  return (
    <Link
      href={tenantHref(tenant)}
      prefetch={LIST_LINK_PREFETCH}
      data-testid="tenant-link"
      title={`Every issue hurting ${tenant}`}
      className={`font-mono ${linkClass} ${className}`}
    >
      {tenant}
    </Link>
  );
}

/** A release name, in full, as a link to its new and regressed issues. */
export function ReleaseLink({ release, className = "" }: { release: string; className?: string }) {
  return (
    <Link
      href={releaseHref(release)}
      prefetch={LIST_LINK_PREFETCH}
      data-testid="release-link"
      title={`New and regressed issues of ${release}`}
      className={`font-mono break-all ${linkClass} ${className}`}
    >
      {release}
    </Link>
  );
}
