import http from "node:http";
import { sentryHeaders } from "./sentry-webhook";

/** What one POST got: a status, or the transport error that stood in for one (a crash, a refusal). */
export type Reply = {
  status: number | null;
  retryAfter: string | null;
  body: string;
  error: string | null;
  /** Milliseconds from sending to the end of the answer (or of the failure). */
  ms: number;
};

export type RawRequest = { headers: Record<string, string>; body: Buffer | string };

const REPLY_TIMEOUT_MS = 30_000;

/**
 * Posts to one server over at most `connections` keep-alive sockets, through node:http rather than
 * fetch so that any header (a lying Content-Length, a missing Content-Type) and any bytes can be sent.
 */
export function createSender(baseUrl: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL("/api/webhooks/sentry", baseUrl);

  function post(request: RawRequest): Promise<Reply> {
    const started = performance.now();
    return new Promise<Reply>((resolve) => {
      const done = (reply: Omit<Reply, "ms">) => resolve({ ...reply, ms: performance.now() - started });
      let req: http.ClientRequest;
      try {
        req = http.request(url, { method: "POST", agent, headers: request.headers }, onResponse);
      } catch (error) {
        // A header Node will not send: the case is broken, not the server; report it as such.
        done({ status: null, retryAfter: null, body: "", error: `not sent: ${(error as Error).message}` });
        return;
      }
      function onResponse(res: http.IncomingMessage) {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          done({
            status: res.statusCode ?? null,
            retryAfter: (res.headers["retry-after"] as string | undefined) ?? null,
            body: Buffer.concat(chunks).toString("utf8"),
            error: null,
          }),
        );
        res.on("error", (error) =>
          done({ status: null, retryAfter: null, body: "", error: `response: ${error.message}` }),
        );
      }
      req.setTimeout(REPLY_TIMEOUT_MS, () => req.destroy(new Error("no answer (timeout)")));
      req.on("error", (error: NodeJS.ErrnoException) =>
        done({ status: null, retryAfter: null, body: "", error: error.code ?? error.message }),
      );
      req.end(request.body);
    });
  }

  return { post, close: () => agent.destroy() };
}

export type Sender = ReturnType<typeof createSender>;

/** A delivery as Sentry sends it: fresh Request-ID, timestamp and signature on every attempt. */
export function signedRequest(resource: string, body: string, secret: string): RawRequest {
  return { headers: sentryHeaders(resource, body, secret), body };
}

/** Runs `work` over `items` with at most `concurrency` at once, keeping the order of results. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

export const isSuccess = (reply: Reply) => reply.status !== null && reply.status >= 200 && reply.status < 300;
