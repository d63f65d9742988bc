import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, errorReply, type JsonReply } from "./api-error";

/** A Pages Router API route: Node's own request and response, one method. */
export type NodeRoute = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & {
  /** The one method it serves; app/api/route-permissions.db.test.ts reads it. */
  readonly method: string;
};

/**
 * Serves `method` with `handler` and writes its JSON answer to Node's response; anything it throws
 * is answered through `errorReply`, the same mapping App Router routes use (`withErrors`), and
 * another method gets 405 with Allow. For a hot route the App Router's handler costs too much (the
 * webhook, docs/benchmarks.md "Webhook throughput"): it wraps every request and answer in web
 * streams, where this reads and writes Node's.
 */
export function nodeRoute(method: string, handler: (req: IncomingMessage) => Promise<JsonReply>): NodeRoute {
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    let reply: JsonReply;
    try {
      if (req.method !== method)
        throw new ApiError("method_not_allowed", `${req.method} is not served here; use ${method}.`, {
          allow: [method],
        });
      reply = await handler(req);
    } catch (error) {
      reply = errorReply(error);
    }
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...reply.headers,
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
    });
    res.end(body);
  };
  return Object.assign(route, { method });
}
