import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORY_RULES, categorise } from "./categorise";
import { ERROR_CATEGORIES, type ErrorCategory, type Frame } from "./types";

type Case = [platform: string, type: string | null, message: string | null, expected: ErrorCategory];

// Errors as each platform's runtime or common libraries word them.
const cases: Case[] = [
  // null/undefined access
  ["javascript", "TypeError", "Cannot read properties of undefined (reading 'map')", "null_access"],
  ["javascript", "TypeError", "undefined is not an object (evaluating 'user.profile.name')", "null_access"],
  ["javascript", "TypeError", "a is null", "null_access"],
  ["python", "AttributeError", "'NoneType' object has no attribute 'id'", "null_access"],
  ["java", "NullPointerException", null, "null_access"],
  [
    "java",
    "NullPointerException",
    "Attempt to invoke virtual method 'int java.lang.String.length()' on a null object reference",
    "null_access",
  ],
  [
    "go",
    "*runtime.TypeAssertionError",
    "runtime error: invalid memory address or nil pointer dereference",
    "null_access",
  ],
  ["ruby", "NoMethodError", "undefined method `name' for nil:NilClass", "null_access"],
  ["php", "Error", "Call to a member function getId() on null", "null_access"],
  [
    "csharp",
    "System.NullReferenceException",
    "Object reference not set to an instance of an object.",
    "null_access",
  ],
  ["cocoa", "Fatal error", "Unexpectedly found nil while unwrapping an Optional value", "null_access"],
  // type error
  ["javascript", "TypeError", "e.map is not a function", "type_error"],
  ["javascript", "ReferenceError", "gtag is not defined", "type_error"],
  ["python", "TypeError", "unsupported operand type(s) for +: 'int' and 'str'", "type_error"],
  [
    "java",
    "ClassCastException",
    "class java.lang.Integer cannot be cast to class java.lang.String",
    "type_error",
  ],
  [
    "go",
    "*runtime.TypeAssertionError",
    "interface conversion: interface {} is string, not int",
    "type_error",
  ],
  ["ruby", "NoMethodError", "undefined method `upcase' for 42:Integer", "type_error"],
  ["php", "TypeError", "Argument 1 passed to total() must be of the type int, string given", "type_error"],
  [
    "csharp",
    "System.InvalidCastException",
    "Unable to cast object of type 'System.String' to type 'System.Int32'.",
    "type_error",
  ],
  [
    "cocoa",
    "NSInvalidArgumentException",
    "-[__NSCFNumber length]: unrecognized selector sent to instance 0x8b3c310",
    "type_error",
  ],
  // network or timeout
  ["javascript", "TypeError", "Failed to fetch", "network"],
  ["javascript", "TypeError", "Load failed", "network"],
  ["node", "Error", "connect ECONNREFUSED 127.0.0.1:5432", "network"],
  ["node", "AxiosError", "timeout of 5000ms exceeded", "network"],
  [
    "python",
    "requests.exceptions.ConnectionError",
    "HTTPSConnectionPool(host='api.x.io', port=443): Max retries exceeded",
    "network",
  ],
  ["java", "java.net.SocketTimeoutException", "Read timed out", "network"],
  ["go", "*url.Error", 'Get "https://api.x.io": context deadline exceeded', "network"],
  ["ruby", "Net::ReadTimeout", "Net::ReadTimeout with #<TCPSocket:(closed)>", "network"],
  ["php", "GuzzleHttp\\Exception\\ConnectException", "cURL error 28: Operation timed out", "network"],
  ["csharp", "System.Net.Http.HttpRequestException", "No such host is known.", "network"],
  ["cocoa", "NSURLErrorDomain", "The Internet connection appears to be offline.", "network"],
  // upstream 5xx
  ["javascript", "Error", "Request failed with status code 502", "upstream_5xx"],
  ["javascript", "HTTPError", "GET /api/orders 503", "upstream_5xx"],
  [
    "python",
    "requests.exceptions.HTTPError",
    "500 Server Error: Internal Server Error for url: https://api.x.io/v1",
    "upstream_5xx",
  ],
  ["java", "HttpServerErrorException$BadGateway", "502 Bad Gateway: [no body]", "upstream_5xx"],
  ["go", "*errors.errorString", "upstream returned HTTP 504", "upstream_5xx"],
  ["ruby", "Faraday::ServerError", "the server responded with status 500", "upstream_5xx"],
  [
    "csharp",
    "Refit.ApiException",
    "Response status code does not indicate success: 503 (Service Unavailable).",
    "upstream_5xx",
  ],
  // auth
  ["javascript", "ForbiddenError", "GET /organizations/acme/users/ 403", "auth"],
  ["javascript", "Error", "Request failed with status code 401", "auth"],
  ["python", "jwt.exceptions.ExpiredSignatureError", "Signature has expired", "auth"],
  ["python", "PermissionDenied", "You do not have permission to perform this action.", "auth"],
  ["java", "ApiException", "Authentication failed, token expired!", "auth"],
  ["java", "org.springframework.security.access.AccessDeniedException", "Access is denied", "auth"],
  ["ruby", "Pundit::NotAuthorizedError", "not allowed to update? this Post", "auth"],
  ["php", "Illuminate\\Auth\\AuthenticationException", "Unauthenticated.", "auth"],
  ["csharp", "System.UnauthorizedAccessException", "Attempted to perform an unauthorized operation.", "auth"],
  ["go", "*errors.errorString", "invalid token: jwt expired", "auth"],
  // validation
  ["javascript", "ZodError", '[{ "code": "invalid_type", "path": ["email"] }]', "validation"],
  ["javascript", "SyntaxError", "Unexpected token < in JSON at position 0", "validation"],
  ["python", "ValueError", "invalid literal for int() with base 10: 'abc'", "validation"],
  ["python", "django.core.exceptions.ValidationError", "['Enter a valid email address.']", "validation"],
  ["java", "IllegalArgumentException", "Invalid UUID string: 12", "validation"],
  ["java", "NumberFormatException", 'For input string: "12a"', "validation"],
  ["ruby", "ActiveRecord::RecordInvalid", "Validation failed: Email is invalid", "validation"],
  ["php", "InvalidArgumentException", "Amount must be a positive number", "validation"],
  ["csharp", "System.FormatException", "Input string was not in a correct format.", "validation"],
  // database
  ["node", "error", 'duplicate key value violates unique constraint "users_email_key"', "database"],
  ["node", "PrismaClientKnownRequestError", "Unique constraint failed on the fields: (`email`)", "database"],
  [
    "python",
    "psycopg2.errors.InFailedSqlTransaction",
    "current transaction is aborted, commands ignored until end of transaction block",
    "database",
  ],
  [
    "python",
    "sqlalchemy.exc.OperationalError",
    "(psycopg2.OperationalError) FATAL: sorry, too many clients already",
    "database",
  ],
  ["java", "org.postgresql.util.PSQLException", "ERROR: deadlock detected", "database"],
  ["go", "*pq.Error", "pq: cannot cast jsonb null to type integer", "database"],
  ["ruby", "PG::UndefinedTable", 'ERROR: relation "orders" does not exist', "database"],
  ["php", "PDOException", "SQLSTATE[HY000] [2002] Connection refused", "database"],
  [
    "csharp",
    "Microsoft.EntityFrameworkCore.DbUpdateException",
    "An error occurred while saving the entity changes.",
    "database",
  ],
  ["python", "Exception", "canceling statement due to statement timeout", "database"],
  // chunk or asset load
  ["javascript", "ChunkLoadError", "Loading chunk 42 failed.", "asset_load"],
  ["javascript", "Error", "Loading CSS chunk 7 failed. (/static/css/7.css)", "asset_load"],
  [
    "javascript",
    "TypeError",
    "Failed to fetch dynamically imported module: https://x.io/assets/Page-1a2b.js",
    "asset_load",
  ],
  ["javascript", "TypeError", "Importing a module script failed.", "asset_load"],
  // resource exhaustion
  ["javascript", "RangeError", "Maximum call stack size exceeded", "resource_exhaustion"],
  ["javascript", "QuotaExceededError", "The quota has been exceeded.", "resource_exhaustion"],
  ["node", "Error", "ENOSPC: no space left on device, write", "resource_exhaustion"],
  ["python", "MemoryError", null, "resource_exhaustion"],
  ["python", "RecursionError", "maximum recursion depth exceeded", "resource_exhaustion"],
  ["java", "java.lang.OutOfMemoryError", "Java heap space", "resource_exhaustion"],
  ["go", "runtime.Error", "fatal error: runtime: out of memory", "resource_exhaustion"],
  ["ruby", "SystemStackError", "stack level too deep", "resource_exhaustion"],
  [
    "php",
    "Symfony\\Component\\ErrorHandler\\Error\\FatalError",
    "Allowed memory size of 134217728 bytes exhausted",
    "resource_exhaustion",
  ],
  [
    "csharp",
    "System.OutOfMemoryException",
    "Insufficient memory to continue the execution of the program.",
    "resource_exhaustion",
  ],
  // rate limit
  ["javascript", "Error", "Request failed with status code 429", "rate_limit"],
  ["python", "openai.RateLimitError", "Rate limit reached for requests", "rate_limit"],
  ["java", "TooManyRequestsException", "Too Many Requests", "rate_limit"],
  ["go", "*errors.errorString", "429 Too Many Requests", "rate_limit"],
  ["ruby", "Rack::Attack::Throttled", "throttled", "rate_limit"],
  [
    "csharp",
    "Polly.RateLimit.RateLimitRejectedException",
    "The operation could not be executed because it was rejected by the rate limit.",
    "rate_limit",
  ],
  // configuration
  ["node", "Error", "Cannot find module 'sharp'", "configuration"],
  ["node", "Error", "Environment variable DATABASE_URL is not set", "configuration"],
  [
    "python",
    "django.core.exceptions.ImproperlyConfigured",
    "The SECRET_KEY setting must not be empty.",
    "configuration",
  ],
  ["python", "ModuleNotFoundError", "No module named 'redis'", "configuration"],
  ["java", "java.lang.NoClassDefFoundError", "org/slf4j/LoggerFactory", "configuration"],
  ["ruby", "KeyError", 'key not found: "STRIPE_KEY"', "other"],
  [
    "php",
    "Symfony\\Component\\DependencyInjection\\Exception\\EnvNotFoundException",
    'Environment variable not found: "APP_SECRET".',
    "configuration",
  ],
  [
    "csharp",
    "System.Configuration.ConfigurationErrorsException",
    "Configuration system failed to initialize",
    "configuration",
  ],
  // third-party script
  ["javascript", null, "Script error.", "third_party_script"],
  // other
  ["python", "Exception", "This is an example Python exception", "other"],
  ["ruby", "ZeroDivisionError", "divided by 0", "other"],
  ["elixir", "exit", "** (exit) :badarith", "other"],
  ["cocoa", "iOS_Swift.SampleError", "Code=0 Description=The operation couldn’t be completed.", "other"],
  ["csharp", null, "Param is null!", "other"],
];

const libFrame = (filename: string, module: string | null = null): Frame => ({
  filename,
  function: "run",
  module,
  lineNo: 1,
  inApp: false,
});
const appFrame = (filename: string): Frame => ({ ...libFrame(filename), inApp: true });

describe("categorise: generated errors across platforms", () => {
  it.each(cases)("%s %s: %s → %s", (platform, type, message, expected) => {
    expect(categorise({ exceptionType: type, message, frames: [], platform }).category).toBe(expected);
  });

  it("covers every category", () => {
    const covered = new Set(cases.map(([, , , category]) => category));
    expect([...ERROR_CATEGORIES].filter((c) => !covered.has(c))).toEqual([]);
  });
});

describe("categorise: reasons and frames", () => {
  it("names the evidence it used", () => {
    expect(
      categorise({
        exceptionType: "ChunkLoadError",
        message: "Loading chunk 42 failed",
        frames: [],
        platform: "javascript",
      }),
    ).toEqual({
      category: "asset_load",
      reason: 'exception type "ChunkLoadError"',
      evidence: ['exception type "ChunkLoadError"'],
    });
    expect(
      categorise({
        exceptionType: "TypeError",
        message: "Failed to fetch",
        frames: [],
        platform: "javascript",
      }).reason,
    ).toBe('message "Failed to fetch"');
  });

  it("falls back to the library the error came from, quoting its frame", () => {
    const frames = [
      appFrame("src/orders.ts"),
      libFrame("node_modules/pg/lib/client.js"),
      appFrame("src/db.ts"),
    ];
    expect(categorise({ exceptionType: "Error", message: "boom", frames, platform: "node" })).toMatchObject({
      category: "database",
      reason: 'frame "node_modules/pg/lib/client.js"',
    });
    // An app folder named like a library is not a library.
    const own = [appFrame("app/requests/handler.py")];
    expect(
      categorise({ exceptionType: "Exception", message: "x", frames: own, platform: "python" }).category,
    ).toBe("other");
    const python = [libFrame("urllib3/connectionpool.py", "urllib3.connectionpool")];
    expect(
      categorise({ exceptionType: "Exception", message: "x", frames: python, platform: "python" }),
    ).toMatchObject({
      category: "network",
      reason: 'frame "urllib3.connectionpool"',
    });
  });

  it("blames a third-party script only when the error was raised in it, in a browser", () => {
    const inGtm = [appFrame("src/app.ts"), libFrame("gtm.js")];
    const input = {
      exceptionType: "TypeError",
      message: "Cannot read properties of undefined",
      frames: inGtm,
    };
    expect(categorise({ ...input, platform: "javascript" }).category).toBe("third_party_script");
    expect(categorise({ ...input, platform: "javascript", frames: inGtm.toReversed() }).category).toBe(
      "null_access",
    );
    expect(
      categorise({ exceptionType: null, message: "Script error.", frames: [], platform: "node" }).category,
    ).toBe("other");
  });

  it("says what it looked at when nothing matched, and cuts long messages", () => {
    expect(categorise({ exceptionType: null, message: null, frames: [], platform: null })).toEqual({
      category: "other",
      reason: "no exception type or message to go on",
    });
    const long = categorise({ exceptionType: "Oops", message: "z".repeat(500), frames: [], platform: null });
    expect(long.reason).toBe(`no rule matched exception type "Oops" or message "${"z".repeat(119)}…"`);
  });
});

describe("categorise: properties", () => {
  const frame = fc.record({
    filename: fc.option(fc.string({ maxLength: 30 })),
    function: fc.option(fc.string({ maxLength: 10 })),
    module: fc.option(fc.string({ maxLength: 20 })),
    lineNo: fc.option(fc.nat()),
    inApp: fc.boolean(),
  });
  const input = fc.record({
    exceptionType: fc.option(fc.string({ maxLength: 40 })),
    message: fc.option(fc.string({ maxLength: 200 })),
    frames: fc.array(frame, { maxLength: 8 }),
    platform: fc.option(
      fc.constantFrom("javascript", "node", "python", "java", "go", "ruby", "php", "csharp", "cocoa"),
    ),
  });

  it("always answers a known category with a reason that quotes its evidence", () => {
    fc.assert(
      fc.property(input, (i) => {
        const verdict = categorise(i);
        expect(ERROR_CATEGORIES).toContain(verdict.category);
        expect(verdict.reason.length).toBeGreaterThan(0);
        for (const part of verdict.evidence ?? []) expect(verdict.reason).toContain(part);
        if (verdict.category !== "other") expect(verdict.evidence?.length).toBeGreaterThan(0);
      }),
    );
  });

  it("keeps a generated case's category when ids and numbers around the message change", () => {
    const noise = fc.stringMatching(/^[0-9a-f]{8,12}$/);
    const anchored = /\^|\$/;
    const unanchoredCases = cases.filter(([platform, type, message]) => {
      if (!message) return false;
      const verdict = categorise({ exceptionType: type, message, frames: [], platform });
      const rule = CATEGORY_RULES.find((r) => r.category === verdict.category && r.message?.test(message));
      return !rule || !anchored.test(rule.message?.source ?? "");
    });
    fc.assert(
      fc.property(fc.constantFrom(...unanchoredCases), noise, ([platform, type, message, expected], id) => {
        const withId = `${message} (request ${id})`;
        expect(categorise({ exceptionType: type, message: withId, frames: [], platform }).category).toBe(
          expected,
        );
      }),
    );
  });
});
