import type { Role } from "@/lib/auth/roles";

const styles: Record<Role, string> = {
  admin: "bg-violet-50 text-violet-800 ring-violet-200",
  triager: "bg-sky-50 text-sky-800 ring-sky-200",
  viewer: "bg-zinc-100 text-zinc-700 ring-zinc-200",
};

/** A user with no Sift role can sign in but the API will refuse them: say so. */
export function RoleBadge({ role }: { role: Role | null }) {
  const style = role ? styles[role] : "bg-amber-50 text-amber-800 ring-amber-200";
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {role ?? "no role"}
    </span>
  );
}
