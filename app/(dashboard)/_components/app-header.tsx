"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, highestRole, type Role } from "@/lib/auth/roles";
import { RoleBadge } from "./role-badge";

type HeaderUser = { sub: string; name: string | null; email: string | null; roles: Role[] };

const navItems = [
  { href: "/issues", label: "Issues" },
  { href: "/incidents", label: "Incidents" },
  { href: "/models", label: "Models" },
];
const adminItems = [
  { href: "/admin/projects", label: "Projects" },
  { href: "/admin/jobs", label: "Failed jobs" },
  { href: "/admin/postmortems", label: "Post-mortems" },
  { href: "/admin/audit", label: "Audit log" },
];

export function AppHeader({ user, onSignOut }: { user: HeaderUser; onSignOut: () => void }) {
  // null only in the types Next gives a project with a pages/ folder; never in the App Router.
  const pathname = usePathname() ?? "";
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2">
        <Link href="/issues" className="text-lg font-semibold tracking-tight text-zinc-900">
          Sift
        </Link>
        <nav
          aria-label="Main"
          className="order-last flex w-full flex-wrap items-center gap-1 sm:order-none sm:w-auto"
        >
          {[...navItems, ...(hasRole(user, "admin") ? adminItems : [])].map(({ href, label }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              // Not prefetched: on the first load of a page the header's prefetches reached the
              // single server process with the page's own data request, which then answered in
              // 150–400 ms instead of 20–45 (npm run bench:ui's list page, Chromium's resource timing).
              <Link
                key={href}
                href={href}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:text-zinc-900"}`}
              >
                {label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <span className="hidden text-sm text-zinc-700 sm:inline" title={user.email ?? undefined}>
            {user.name ?? user.email ?? user.sub}
          </span>
          <RoleBadge role={highestRole(user.roles)} />
          <button
            type="button"
            onClick={onSignOut}
            className="rounded-md border border-zinc-300 px-2.5 py-1 text-sm text-zinc-700 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900"
          >
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
