export const dynamic = "force-dynamic";

// GET /api/health/live – liveness for load balancers: the process serves requests. It touches no
// database on purpose (a stalled database must not get every web process restarted; /api/health
// says whether the database answers), which also makes it the framework's floor in benchmarks.
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
