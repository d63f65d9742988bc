import { getConnection } from "@/lib/db/client";
import { checkDatabase } from "@/lib/db/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const connection = await getConnection();
    await checkDatabase(connection.db);
    return Response.json({ status: "ok", database: connection.driver });
  } catch {
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503 });
  }
}
