import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type Provider from "oidc-provider";
import { findAccountByLogin, seededAccounts } from "./accounts";

// oidc-provider's devInteractions log in ANY login, so Sift serves its own interaction pages:
// the same form fields (`login`, `password`), but only seeded engineers get through. Consent is
// granted automatically because every client of this dev-only provider is Sift itself.

const interactionPath = /^\/interaction\/([^/?#]+)(\/abort)?(?:[?#]|$)/;

export function isInteractionRequest(req: IncomingMessage): boolean {
  return interactionPath.test(req.url ?? "");
}

export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  try {
    const isAbort = interactionPath.exec(req.url ?? "")?.[2] !== undefined;
    if (isAbort) {
      const result = { error: "access_denied", error_description: "End-User aborted interaction" };
      return await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === "consent") return await grantConsent(provider, req, res, details);
    if (req.method === "POST") return await submitLogin(provider, req, res, details.uid);
    return sendLoginForm(res, details.uid, {});
  } catch (error) {
    // Typically an expired or missing interaction cookie: say so instead of hanging.
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(`Sign-in failed: ${message}`);
  }
}

async function submitLogin(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) {
  const form = new URLSearchParams(await readBody(req));
  const login = form.get("login")?.trim() ?? "";
  const account = findAccountByLogin(login);
  if (!account || !form.get("password")) {
    return sendLoginForm(res, uid, { login, error: `Unknown user "${login}" or empty password.` }, 401);
  }
  const result = { login: { accountId: account.sub } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;

async function grantConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, details: Details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
  if (!grant) throw new Error("grant not found");
  const missing = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  const result = { consent: { grantId: await grant.save() } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// The dashboard's icon, inline: without one the browser asks this server for /favicon.ico and
// logs its 404 on the sign-in page.
const ICON = `data:image/svg+xml,${encodeURIComponent(
  readFileSync(path.resolve(import.meta.dirname, "../../app/icon.svg"), "utf8").trim(),
)}`;

function sendLoginForm(
  res: ServerResponse,
  uid: string,
  state: { login?: string; error?: string },
  status = 200,
) {
  const users = seededAccounts.map((a) => `${a.login} (${a.roles.join(", ")})`).join(", ");
  const error = state.error ? `<p role="alert" class="error">${escapeHtml(state.error)}</p>` : "";
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sift dev sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="${ICON}">
<style>
body{font-family:system-ui,sans-serif;background:#f4f4f5;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#fff;padding:2rem;border-radius:.75rem;box-shadow:0 1px 3px #0002;width:20rem;display:grid;gap:.75rem}
input,button{font:inherit;padding:.5rem .75rem;border-radius:.375rem;border:1px solid #d4d4d8}
button{background:#18181b;color:#fff;cursor:pointer}.error{color:#b91c1c;margin:0}.hint{color:#71717a;font-size:.8rem;margin:0}
</style></head><body>
<form method="post" action="/interaction/${encodeURIComponent(uid)}" autocomplete="off">
<h1 style="margin:0;font-size:1.25rem">Sign in to Sift (dev IdP)</h1>${error}
<input required name="login" placeholder="Login" aria-label="Login" value="${escapeHtml(state.login ?? "")}" autofocus>
<input required type="password" name="password" placeholder="Any password" aria-label="Password">
<button type="submit">Sign in</button>
<p class="hint">Seeded users: ${escapeHtml(users)}</p>
<a class="hint" href="/interaction/${encodeURIComponent(uid)}/abort">Cancel</a>
</form></body></html>`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
