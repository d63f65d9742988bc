// Local OpenID provider for development and e2e tests: `npm run idp`. Never run it in production.
import { seededAccounts } from "@/dev/idp/accounts";
import { startIdp } from "@/dev/idp/start-idp";

if (process.env.NODE_ENV === "production") {
  console.error(
    "The Sift dev IdP signs anyone in as a seeded admin: refusing to run with NODE_ENV=production.",
  );
  process.exit(1);
}

const port = Number(process.env.IDP_PORT ?? 4000);
const publicUrl = (process.env.SIFT_PUBLIC_URL ?? "http://localhost:3000").replace(/\/$/, "");
// Also accept the default dashboard origin, so `next dev` on :3000 works whatever SIFT_PUBLIC_URL says.
const origins = [...new Set([publicUrl, "http://localhost:3000"])];

const idp = await startIdp({
  port,
  redirectUris: origins.map((origin) => `${origin}/auth/callback`),
  postLogoutRedirectUris: origins.map((origin) => `${origin}/auth/signed-out`),
});

console.log(`Sift dev IdP: ${idp.issuer} (set OIDC_ISSUER=${idp.issuer})`);
console.log(`Dashboard redirect URIs: ${origins.map((o) => `${o}/auth/callback`).join(", ")}`);
console.log(
  `Users (any password): ${seededAccounts.map((a) => `${a.login} [${a.roles.join(",")}]`).join(", ")}`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void idp.close().then(() => process.exit(0)));
}
