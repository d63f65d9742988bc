// Errors that mean "the database cannot serve this right now", as opposed to a bug in a query:
// callers answer 503 with Retry-After, so Sentry and operators see an outage, not a crash.

const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
// SQLSTATE: 08xxx connection exceptions, 53300 too many connections, 57P01–57P03 shutdown/starting,
// 57014 statement cancelled (statement_timeout; also a manual pg_cancel_backend, which is as
// transient), 55P03 lock not available (lock_timeout, NOWAIT).
const sqlStates = /^(08...|53300|57P0[123]|57014|55P03)$/;
// 55000 is a generic "object not in prerequisite state" (also e.g. currval before nextval): only its
// refused-connection form (ALTER DATABASE … ALLOW_CONNECTIONS false, a database being dropped or
// restored) is an outage.
const refusedConnection = /is not currently accepting connections/i;
// node-postgres and pg-pool errors carry no code: a connection lost or never made, the connect
// timeout (waiting for a pool client or for the server), and the read timeout (query_timeout).
const poolMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (networkCodes.has(code) || sqlStates.test(code))) return true;
    if (code === "55000" && typeof message === "string" && refusedConnection.test(message)) return true;
    if (typeof message === "string" && poolMessages.test(message)) return true;
    current = cause;
  }
  return false;
}
