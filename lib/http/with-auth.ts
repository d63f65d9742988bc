import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { hasRole, type Principal, type Role } from "@/lib/auth/roles";
import { AccessTokenError, verifyAccessToken } from "@/lib/auth/verify-access-token";
import { setSentryUser } from "@/lib/observability/sentry";
import { ApiError, withErrors } from "./api-error";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Options<Q extends z.ZodType, P extends z.ZodType> = {
  /** The least role that may call it (admin ⊃ triager ⊃ viewer); lib/http/route-roles.ts lists them all. */
  role: Role;
  query?: Q;
  params?: P;
};

/** A route handler that demands a Bearer token, carrying the role it demands so tests can read it. */
export type AuthenticatedRoute = ((req: NextRequest, context: RouteContext) => Promise<Response>) & {
  readonly requiredRole: Role;
};

type Handler<Q extends z.ZodType, P extends z.ZodType> = (input: {
  req: NextRequest;
  principal: Principal;
  query: z.output<Q>;
  params: z.output<P>;
}) => Promise<Response>;

function bearerToken(req: NextRequest): string {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError("unauthorized", "Sign in: this endpoint needs a Bearer access token.");
  return match[1];
}

/**
 * Every authenticated API route: Bearer token → principal → role check → zod-parsed query and params.
 * The role is checked before anything of the request is read, so a caller below it learns nothing
 * from validation errors.
 */
export function withAuth<Q extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown>(
  handler: Handler<Q, P>,
  options: Options<Q, P>,
): AuthenticatedRoute {
  const route = withErrors(async (req: NextRequest, context: RouteContext) => {
    let principal: Principal;
    try {
      principal = await verifyAccessToken(bearerToken(req));
    } catch (error) {
      if (error instanceof AccessTokenError) {
        // The server's or the IdP's fault, not the caller's: a 401 would send them to sign in again.
        if (error.reason === "not_configured") {
          throw new ApiError("not_configured", `Sign-in is unavailable: ${error.message}`);
        }
        if (error.reason === "idp_unavailable") {
          throw new ApiError("idp_unavailable", `The sign-in service cannot be reached: ${error.message}`, {
            retryAfterSeconds: error.retryAfterSeconds ?? 30,
          });
        }
        throw new ApiError("unauthorized", `Invalid access token: ${error.reason}`, {
          details: { reason: error.reason },
        });
      }
      throw error;
    }
    if (!hasRole(principal, options.role)) {
      throw new ApiError("forbidden", `This needs the ${options.role} role.`);
    }
    setSentryUser(principal);
    const query = options.query
      ? options.query.parse(Object.fromEntries(req.nextUrl.searchParams))
      : undefined;
    const params = options.params ? options.params.parse(await context.params) : undefined;
    return handler({ req, principal, query: query as z.output<Q>, params: params as z.output<P> });
  });
  return Object.assign(route, { requiredRole: options.role });
}
