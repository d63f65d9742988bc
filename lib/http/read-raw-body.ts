import "server-only";
import { ApiError } from "./api-error";

/**
 * The exact bytes of the body, as text, refusing anything over `maxBytes` without buffering it all:
 * the signature must be computed over these bytes before any JSON parsing.
 */
export async function readRawBody(req: Request, maxBytes: number): Promise<string> {
  return (await readRawBytes(req, maxBytes)).toString("utf8");
}

/** The body's bytes as sent (they may not be text), refusing anything over `maxBytes` as it streams. */
export async function readRawBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  const tooLarge = () => new ApiError("payload_too_large", `Body exceeds ${maxBytes} bytes.`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
