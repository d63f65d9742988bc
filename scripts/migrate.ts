// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL (or the PGlite folder) and exits.
// The server and workers also apply them at start-up; this is for deploy pipelines.
import { connect } from "@/lib/db/connect";

const connection = await connect({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.SIFT_DATA_DIR || ".data/pglite",
});
console.log(`migrations applied (${connection.driver})`);
await connection.close();
