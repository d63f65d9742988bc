import "server-only";
import type { z } from "zod";
import { ApiError } from "./api-error";

/** A request's JSON body checked against `schema`: 400 with the reason for bad JSON or a bad shape (ZodError). */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new ApiError("bad_request", "The body must be JSON.");
  }
  return schema.parse(body);
}
