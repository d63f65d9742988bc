// Errors that mean "the database cannot be reached right now", as opposed to a bug in a query:
// callers answer 503 with Retry-After, so Sentry and operators see an outage, not a crash.

const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
// SQLSTATE: 08xxx connection exceptions, 53300 too many connections, 57P01–57P03 shutdown/starting.
const sqlStates = /^(08...|53300|57P0[123])$/;
const poolMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (networkCodes.has(code) || sqlStates.test(code))) return true;
    if (typeof message === "string" && poolMessages.test(message)) return true;
    current = cause;
  }
  return false;
}
