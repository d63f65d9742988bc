import { getConnection } from "@/lib/db/client";
import { checkDatabase, getPipelineHealth } from "@/lib/db/queries/health";

export const dynamic = "force-dynamic";

// Unauthenticated for load balancers: the status code says whether this process can serve; the
// body adds queue depth and poll progress for operators (counts and times only, no data).
export async function GET() {
  try {
    const connection = await getConnection();
    await checkDatabase(connection.db);
    const pipeline = await getPipelineHealth(connection.db);
    return Response.json(
      { status: "ok", database: connection.driver, ...pipeline },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
