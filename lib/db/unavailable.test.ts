import { DatabaseError } from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

// What PostgreSQL sends: a DatabaseError with the SQLSTATE in `code`.
function serverError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, "error");
  error.code = code;
  return error;
}

// drizzle wraps driver errors ("Failed query: …") with the driver's error as the cause.
const wrapped = (cause: unknown) => new Error("Failed query: select 1\nparams: ", { cause });

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "a refused connection (ALLOW_CONNECTIONS false)",
      serverError("55000", 'database "sift" is not currently accepting connections'),
    ],
    ["a statement timeout", serverError("57014", "canceling statement due to statement timeout")],
    ["a cancelled statement", serverError("57014", "canceling statement due to user request")],
    ["a lock timeout", serverError("55P03", "canceling statement due to lock timeout")],
    ["a terminated backend", serverError("57P01", "terminating connection due to administrator command")],
    ["too many connections", serverError("53300", "sorry, too many clients already")],
    ["a connection exception", serverError("08006", "connection failure")],
    ["node-postgres' read timeout (query_timeout)", new Error("Query read timeout")],
    ["pg-pool's wait for a client", new Error("timeout exceeded when trying to connect")],
    ["a connect timeout", new Error("Connection terminated due to connection timeout")],
    ["a connection lost mid-query", new Error("Connection terminated unexpectedly")],
    [
      "a client whose connection died",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    [
      "a refused TCP connection",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ],
  ])("counts %s, bare or wrapped by drizzle", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([new Error("other"), error]))).toBe(true);
  });

  it.each([
    ["an unknown table", serverError("42P01", 'relation "no_such_table" does not exist')],
    ["a unique violation", serverError("23505", "duplicate key value violates unique constraint")],
    [
      "another 55000 (a bug, not an outage)",
      serverError("55000", 'currval of sequence "s" is not yet defined in this session'),
    ],
    ["a serialization failure", serverError("40001", "could not serialize access")],
    ["a plain error", new Error("boom")],
    ["a non-error", "database down"],
    ["nothing", undefined],
  ])("does not count %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(false);
  });
});
