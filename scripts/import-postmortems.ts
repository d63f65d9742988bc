// `npm run import:postmortems -- <dir>`: stores each markdown post-mortem of a folder so issues
// that look like it show it as a similar post-mortem. Rerun it freely: unchanged files are left
// alone and changed ones updated. Uses DATABASE_URL, or the PGlite folder SIFT_DATA_DIR, like the
// server (stop a PGlite dev server first: two processes must not open one PGlite folder).
import { connect } from "@/lib/db/connect";
import { importPostmortemDir, PostmortemDirError } from "@/lib/postmortems/import-postmortem-dir";

const [dir, ...rest] = process.argv.slice(2);
if (!dir || rest.length > 0) {
  console.error("usage: npm run import:postmortems -- <folder of .md files>");
  process.exit(2);
}

const connection = await connect({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.SIFT_DATA_DIR || ".data/pglite",
});
try {
  const totals = await importPostmortemDir(connection.db, dir, (p) => {
    const line = `[${p.done}/${p.total}] ${p.file}: ${p.outcome}${p.error ? ` (${p.error})` : ""}`;
    console.error(line);
  });
  console.log(
    `post-mortems from ${dir}: ${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.failed.length} unreadable`,
  );
  if (totals.failed.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof PostmortemDirError ? `import:postmortems: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await connection.close();
}
