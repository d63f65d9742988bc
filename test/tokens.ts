import { apiResource, e2eClient } from "@/dev/idp/clients";

/** A real access token from the local OpenID provider (client credentials, triager role). */
export async function machineToken(issuer: string): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: `Basic ${Buffer.from(`${e2eClient.clientId}:${e2eClient.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", resource: apiResource, scope: "sift:api" }),
  });
  const json = (await res.json()) as { access_token?: string };
  if (!res.ok || !json.access_token)
    throw new Error(`token request failed: ${res.status} ${JSON.stringify(json)}`);
  return json.access_token;
}
