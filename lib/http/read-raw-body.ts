// No "server-only": the Pages Router webhook reads its body here, and that marker throws outside the
// App Router's server graph. test/browser-imports.test.ts keeps this module out of the browser instead.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error";

const tooLarge = (maxBytes: number) => new ApiError("payload_too_large", `Body exceeds ${maxBytes} bytes.`);

/** A declared Content-Length over `maxBytes` is refused before a byte is read. */
function refuseDeclared(contentLength: string | null | undefined, maxBytes: number): void {
  const declared = Number(contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The body's bytes as sent (they may not be text), refusing anything over `maxBytes` as it streams,
 * without buffering it all: a signature is computed over these exact bytes.
 */
export async function readRawBytes(req: Request, maxBytes: number): Promise<Buffer> {
  refuseDeclared(req.headers.get("content-length"), maxBytes);
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
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The same for Node's own request (a Pages Router API route): read from its stream, without the web
 * streams a `Request` wraps it in. Past `maxBytes` the rest is read and dropped rather than the
 * socket destroyed, so the sender still gets its 413.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  refuseDeclared(req.headers["content-length"], maxBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.resume();
      reject(tooLarge(maxBytes));
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, size)));
    req.once("error", reject);
    req.once("aborted", () => reject(new ApiError("bad_request", "The body ended before it was complete.")));
  });
}
