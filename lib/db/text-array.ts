import { sql } from "drizzle-orm";

// drizzle spreads a JS array into one parameter per element; one array literal keeps it one parameter.
export const textArray = (values: string[]) =>
  sql`${`{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`}::text[]`;
