import type { Role } from "@/lib/auth/roles";

/** An engineer seeded into the local dev/test OpenID provider. */
export type SeededAccount = {
  /** What the engineer types on the IdP's login form. */
  login: string;
  sub: string;
  name: string;
  email: string;
  roles: Role[];
  tenantId: string;
};

/**
 * The only logins the local IdP accepts (any non-empty password). Exported so the README,
 * unit tests and Playwright can name them instead of repeating strings.
 */
export const seededAccounts = [
  {
    login: "alice",
    sub: "alice",
    name: "Alice Admin",
    email: "alice@example.com",
    roles: ["admin"],
    tenantId: "sift",
  },
  {
    login: "bob",
    sub: "bob",
    name: "Bob Triager",
    email: "bob@example.com",
    roles: ["triager"],
    tenantId: "sift",
  },
  {
    login: "carol",
    sub: "carol",
    name: "Carol Viewer",
    email: "carol@example.com",
    roles: ["viewer"],
    tenantId: "sift",
  },
] as const satisfies readonly SeededAccount[];

export type SeededLogin = (typeof seededAccounts)[number]["login"];

export function findAccountByLogin(login: string): SeededAccount | undefined {
  return seededAccounts.find((account) => account.login === login);
}

export function findAccountBySub(sub: string): SeededAccount | undefined {
  return seededAccounts.find((account) => account.sub === sub);
}

/** Claims shared by the ID token and the access token, in their wire names. */
export function toIdentityClaims(account: SeededAccount) {
  return {
    name: account.name,
    email: account.email,
    email_verified: true,
    roles: [...account.roles],
    tenant_id: account.tenantId,
  };
}
