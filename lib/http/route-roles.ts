import "server-only";
import type { Role } from "@/lib/auth/roles";

/** A route that takes no Bearer token, and the reason it may. */
export type PublicRoute = { public: string };

/**
 * Who may call each method of each route under app/api and pages/api: the least role (admin ⊃
 * triager ⊃ viewer), or why the route takes no token at all. Keys are the method and the route's
 * path, brackets included. app/api/route-permissions.db.test.ts finds every route file at test time
 * and fails for a method missing here, for an entry naming no route, and for a handler whose
 * `withAuth` role differs, then calls each one with no token and with each role's token.
 */
export const routeAccess: Record<string, Role | PublicRoute> = {
  "GET /api/issues": "viewer",
  "GET /api/issues/[issueId]": "viewer",
  "POST /api/issues/[issueId]/feedback": "triager",
  "GET /api/issues/[issueId]/actions": "viewer",
  "POST /api/issues/[issueId]/actions": "triager",
  "GET /api/owners": "viewer",
  "GET /api/models": "viewer",
  "GET /api/incidents": "viewer",
  "GET /api/incidents/[incidentId]": "viewer",
  "POST /api/incidents/[incidentId]/corrections": "triager",
  "GET /api/tenants/[tenant]": "viewer",
  "GET /api/teams/[team]": "viewer",
  "GET /api/releases/[release]": "viewer",
  "GET /api/incidents/[incidentId]/actions": "viewer",
  "POST /api/incidents/[incidentId]/actions": "triager",
  "GET /api/projects": "viewer",
  "PUT /api/projects/[projectId]/settings": "admin",
  "GET /api/admin/jobs": "admin",
  "POST /api/admin/jobs/[jobId]/requeue": "admin",
  "GET /api/admin/audit": "admin",
  "GET /api/admin/postmortems": "admin",
  "POST /api/admin/postmortems": "admin",
  "DELETE /api/admin/postmortems/[postmortemId]": "admin",
  "GET /api/postmortems/[postmortemId]": "viewer",

  // The only routes without a token.
  "POST /api/webhooks/sentry": {
    public:
      "Sentry has no user token: each delivery is signed instead (Sentry-Hook-Signature, checked first)",
  },
  "GET /api/health": { public: "load balancers' readiness probe; status, counts and times, no data" },
  "GET /api/health/live": { public: "load balancers' liveness probe; touches nothing" },
  "POST /api/tunnel": {
    public:
      "the browser SDK reports errors signed in or not, like a public DSN; it forwards only to Sift's own Sentry project",
  },
  "GET /api/debug/sentry-error": {
    public:
      "404 unless SIFT_ENABLE_DEBUG_ROUTES; then throws before reading anything, to prove self-monitoring",
  },
};
