import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type JWK } from "oidc-provider";
import { buildConfiguration } from "./configuration";
import { handleInteraction, isInteractionRequest } from "./interactions";

export type StartIdpOptions = {
  /** 0 picks a free port; the default issuer then uses it. */
  port: number;
  /** Defaults to http://localhost:<port>. Must have no path: the provider is mounted at "/". */
  issuer?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Short values let tests exercise expiry and silent renew. */
  accessTokenTtlSeconds?: number;
  /** Private RS256 JWK with a kid. Lets tests forge tokens with the IdP's own key. */
  signingKey?: JWK;
};

export type RunningIdp = { issuer: string; close(): Promise<void> };

/**
 * Starts Sift's local OpenID provider (dev and tests only, never production). It listens on
 * localhost only, because anyone who reaches it can sign in as a seeded admin.
 */
export async function startIdp(options: StartIdpOptions): Promise<RunningIdp> {
  let handle:
    | ((req: Parameters<typeof handleInteraction>[1], res: Parameters<typeof handleInteraction>[2]) => void)
    | undefined;
  const server = createServer((req, res) => {
    if (handle) handle(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "localhost", () => resolve());
  });

  const { port } = server.address() as AddressInfo;
  const issuer = (options.issuer ?? `http://localhost:${port}`).replace(/\/$/, "");
  const provider = new Provider(
    issuer,
    buildConfiguration({
      redirectUris: options.redirectUris,
      postLogoutRedirectUris: options.postLogoutRedirectUris ?? [],
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      signingKey: options.signingKey,
    }),
  );
  const callback = provider.callback();
  handle = (req, res) => {
    if (isInteractionRequest(req)) void handleInteraction(provider, req, res);
    else callback(req, res);
  };

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from browsers or fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
