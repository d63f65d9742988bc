import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One chat-completions request as the stand-in received it. */
export type ChatRequest = {
  authorization: string | null;
  body: { model: string; messages: { role: string; content: string }[]; [key: string]: unknown };
};

/**
 * How the stand-in answers: `reply` gives the assistant's text for a request (a real completion
 * body is built around it); `raw` sends this body as is (garbage); `status` answers with that HTTP
 * status; `delayMs` waits before answering (timeouts).
 */
export type LlmBehaviour =
  | { reply: (request: ChatRequest) => string; delayMs?: number }
  | { raw: string; status?: number; delayMs?: number };

export type LlmServer = {
  /** The API root, as LLM_BASE_URL takes it (…/v1). */
  baseUrl: string;
  requests: ChatRequest[];
  behave: (behaviour: LlmBehaviour) => void;
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body);
}

/**
 * A local stand-in for an OpenAI-compatible API: `POST /v1/chat/completions` with `model` and
 * `messages`, answered as the chat-completions API does (`id`, `object: "chat.completion"`,
 * `model`, `choices[0].message.content`, `usage`); 400 with an `error` object for a request
 * without them, 404 elsewhere.
 */
export async function startLlmServer(initial: LlmBehaviour): Promise<LlmServer> {
  let behaviour = initial;
  const requests: ChatRequest[] = [];
  let counter = 0;
  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      return send(
        res,
        404,
        JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }),
      );
    }
    let body: ChatRequest["body"];
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(
        res,
        400,
        JSON.stringify({ error: { message: "invalid JSON", type: "invalid_request_error" } }),
      );
    }
    if (typeof body?.model !== "string" || !Array.isArray(body.messages)) {
      return send(
        res,
        400,
        JSON.stringify({
          error: { message: "model and messages are required", type: "invalid_request_error" },
        }),
      );
    }
    const request = { authorization: req.headers.authorization ?? null, body };
    requests.push(request);
    const current = behaviour;
    if (current.delayMs) await new Promise((resolve) => setTimeout(resolve, current.delayMs));
    if ("raw" in current) return send(res, current.status ?? 200, current.raw);
    const content = current.reply(request);
    counter++;
    send(
      res,
      200,
      JSON.stringify({
        id: `chatcmpl-${counter}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    behave: (next) => {
      behaviour = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
