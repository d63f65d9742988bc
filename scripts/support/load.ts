import autocannon from "autocannon";

export type LoadResult = {
  /** 2xx answers per second of the run. */
  okPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
};

export type LoadRequest = { method: "GET" | "POST"; body?: string; headers?: Record<string, string> };

/**
 * `connections` clients each send `next()` one after another (no pipelining) for `seconds`;
 * `onResponse` sees every answer with its status and body.
 */
export async function runLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => LoadRequest;
  onResponse?: (status: number, body: string) => void;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => ({ ...request, ...options.next() }),
        onResponse: options.onResponse && ((status, body) => options.onResponse?.(status, body)),
      },
    ],
  });
  return {
    okPerSecond: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
