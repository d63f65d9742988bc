import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** One envelope item: its header, the raw payload and, when the payload is JSON, the parsed value. */
export type EnvelopeItem = {
  type: string;
  header: Record<string, unknown>;
  raw: Buffer;
  payload: unknown;
};

export type Envelope = {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  path: string;
  /** The request's Content-Encoding, if any (the node SDK gzips large bodies). */
  encoding?: string;
  /** The request's headers, to show what a sender (or Sift's tunnel) passed on. */
  headers?: Record<string, string | string[] | undefined>;
};

export type EnvelopeSink = {
  port: number;
  /** A DSN that points any Sentry SDK at this sink (project id 1). */
  dsn: string;
  envelopes(): Envelope[];
  waitFor(predicate: (envelope: Envelope) => boolean, timeoutMs?: number): Promise<Envelope>;
  close(): Promise<void>;
};

const NEWLINE = 0x0a;

function parseJson(buffer: Buffer): unknown {
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch {
    return undefined;
  }
}

function readLine(body: Buffer, start: number): { line: Buffer; next: number } {
  const end = body.indexOf(NEWLINE, start);
  return end === -1
    ? { line: body.subarray(start), next: body.length }
    : { line: body.subarray(start, end), next: end + 1 };
}

/**
 * Parses Sentry's envelope format: a JSON header line, then pairs of item-header line + payload.
 * An item with `length` owns exactly that many bytes (payloads may contain newlines, e.g. attachments);
 * without it the payload runs to the next newline.
 */
export function parseEnvelope(body: Buffer, path = "/api/1/envelope/"): Envelope {
  const first = readLine(body, 0);
  const header = (parseJson(first.line) ?? {}) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  let offset = first.next;
  while (offset < body.length) {
    const headerLine = readLine(body, offset);
    offset = headerLine.next;
    if (headerLine.line.length === 0) continue; // tolerate a trailing newline
    const itemHeader = (parseJson(headerLine.line) ?? {}) as Record<string, unknown>;
    let raw: Buffer;
    if (typeof itemHeader.length === "number") {
      raw = body.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (body[offset] === NEWLINE) offset += 1;
    } else {
      const payloadLine = readLine(body, offset);
      raw = payloadLine.line;
      offset = payloadLine.next;
    }
    items.push({
      type: String(itemHeader.type ?? "unknown"),
      header: itemHeader,
      raw,
      payload: parseJson(raw),
    });
  }
  return { header, items, path };
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
      return gunzipSync(body);
    case "deflate":
      return inflateSync(body);
    case "br":
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

// The legacy store endpoint takes a bare event JSON; wrap it so callers see one shape.
function storeToEnvelope(body: Buffer, path: string): Envelope {
  const payload = parseJson(body);
  const eventId = (payload as { event_id?: unknown } | undefined)?.event_id;
  return {
    header: { event_id: eventId },
    items: [{ type: "event", header: { type: "event" }, raw: body, payload }],
    path,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a local stand-in for Sentry's ingest API that keeps every envelope it receives. */
export async function startEnvelopeSink(): Promise<EnvelopeSink> {
  const received: Envelope[] = [];
  const waiters = new Set<(envelope: Envelope) => void>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // The browser SDK posts cross-origin from the app's page; answer like Sentry's ingest so fetch reports success.
    response.setHeader("access-control-allow-origin", "*");
    if (request.method === "OPTIONS") {
      response
        .writeHead(204, { "access-control-allow-headers": "*", "access-control-allow-methods": "POST" })
        .end();
      return;
    }
    const path = new URL(request.url ?? "/", "http://sink").pathname;
    const isEnvelope = /^\/api\/\d+\/envelope\/?$/.test(path);
    const isStore = /^\/api\/\d+\/store\/?$/.test(path);
    if (request.method !== "POST" || (!isEnvelope && !isStore)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const encoding = request.headers["content-encoding"];
      const body = decode(await readBody(request), encoding);
      const envelope = {
        ...(isEnvelope ? parseEnvelope(body, path) : storeToEnvelope(body, path)),
        encoding,
        headers: { ...request.headers },
      };
      received.push(envelope);
      for (const notify of waiters) notify(envelope);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    } catch (error) {
      response.writeHead(400, { "content-type": "text/plain" }).end(String(error));
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes: () => [...received],
    waitFor(predicate, timeoutMs = 10_000) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching envelope within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        const check = (envelope: Envelope) => {
          if (!predicate(envelope)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(envelope);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** True when the envelope holds an error event whose exception (or message) contains `text`. */
export function hasErrorEvent(envelope: Envelope, text: string): boolean {
  return envelope.items.some((item) => {
    if (item.type !== "event") return false;
    const event = item.payload as
      | { exception?: { values?: { value?: string }[] }; message?: string }
      | undefined;
    return Boolean(
      event?.exception?.values?.some((value) => value.value?.includes(text)) ||
        event?.message?.includes(text),
    );
  });
}
