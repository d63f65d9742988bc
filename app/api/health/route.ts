import { getConnection } from "@/lib/db/client";
import { checkDatabase, getPipelineHealth } from "@/lib/db/queries/health";

export const dynamic = "force-dynamic";

// A load balancer's probe wants an answer, not a wait: a stalled database (a table locked, the pool
// busy, a server that stopped answering) is "unavailable" after this long, whatever the pool's own
// timeouts. The abandoned check ends on those timeouts in the background.
const HEALTH_TIMEOUT_MS = 1500;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`health check took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function check() {
  const connection = await getConnection();
  await checkDatabase(connection.db);
  const pipeline = await getPipelineHealth(connection.db);
  // Read after this check's own queries have returned their clients: a client that stays checked out
  // with nothing running (total above idle) is a leak, the way a pool slowly wedges after outages.
  const pool = connection.poolStats?.();
  return { status: "ok", database: connection.driver, ...pipeline, ...(pool ? { pool } : {}) };
}

// Unauthenticated for load balancers: the status code says whether this process can serve; the
// body adds queue depth and poll progress for operators (counts and times only, no data).
export async function GET() {
  try {
    const body = await within(HEALTH_TIMEOUT_MS, check());
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
