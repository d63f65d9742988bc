import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startIdp } from "@/dev/idp/start-idp";
import { startNextServer } from "@/test/next-server";
import { e2ePorts, e2eSecrets } from "./support/ports";

// The fixture's only frame is not in-app, so its request URL is what a rule can match.
export const e2eOwnershipRules =
  "url:https://null.jsbin.com/* #frontend\ntags.tenant_id:umbrella #enterprise-support";

/** The e2e stack: the real OpenID provider and the production build of Sift on PostgreSQL. */
export default async function globalSetup() {
  const appUrl = `http://localhost:${e2ePorts.app}`;
  const actionsUrl = `http://localhost:${e2ePorts.actions}`;
  const idp = await startIdp({
    port: e2ePorts.idp,
    redirectUris: [`${appUrl}/auth/callback`, `${actionsUrl}/auth/callback`],
    postLogoutRedirectUris: [`${appUrl}/auth/signed-out`, `${actionsUrl}/auth/signed-out`],
  });
  const databaseUrl = process.env.E2E_DATABASE_URL;
  const server = await startNextServer(e2ePorts.app, {
    ...(databaseUrl
      ? { DATABASE_URL: databaseUrl }
      : { SIFT_DATA_DIR: mkdtempSync(path.join(tmpdir(), "sift-e2e-")) }),
    OIDC_ISSUER: idp.issuer,
    SENTRY_CLIENT_SECRET: e2eSecrets.webhook,
    SENTRY_APP_ID: e2eSecrets.appId,
    SIFT_OWNERSHIP_RULES: e2eOwnershipRules,
    SIFT_PUBLIC_URL: appUrl,
  }).catch(async (error) => {
    await idp.close();
    throw error;
  });
  return async () => {
    await server.stop();
    await idp.close();
  };
}
