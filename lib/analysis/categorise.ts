import type { CategoryVerdict, ErrorCategory, Frame } from "./types";

export type CategoriseInput = {
  exceptionType: string | null;
  /** The message as sent (the primary exception's value, else the event message). */
  message: string | null;
  /** The newest event's frames, as normaliseStack gives them. */
  frames: Frame[];
  /** The SDK platform: javascript, node, python, java, go, ruby, php, csharp, cocoa, … */
  platform: string | null;
};

/**
 * One row of the table: every condition given must hold. `type` is tested against the exception
 * type, `message` against the message as sent (status codes are numbers, which a message template
 * would hide), `frame` against the module and filename of library (not in-app) frames, or only of
 * the innermost frame when `innermost` is set.
 */
type Rule = {
  category: ErrorCategory;
  type?: RegExp;
  message?: RegExp;
  frame?: RegExp;
  innermost?: boolean;
  platforms?: readonly string[];
};

const BROWSER = ["javascript"];

// An HTTP status in the places clients put it: "status code 503", "HTTP/1.1 503", "GET /x 503"
// (fetch errors), "responded with 503", or the code with its reason phrase ("503 Service Unavailable").
const REASON_PHRASE =
  "Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Server Error|Unauthori[sz]ed|Forbidden|Too Many Requests|Bad Request|Unprocessable (?:Entity|Content)";
const status = (codes: string) =>
  new RegExp(
    `(?:\\bstatus(?: code)?:?|\\bHTTP(?:/[\\d.]+)?|responded with|returned|^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \\S+)\\s*\\(?(?:${codes})\\b|\\b(?:${codes}) (?:${REASON_PHRASE})`,
    "i",
  );

// First match wins, so the specific comes before the general: a browser's `TypeError: Failed to
// fetch` is a network error, not a type error; a chunk that failed to load is not a network error;
// a statement timeout is the database's.
export const CATEGORY_RULES: readonly Rule[] = [
  // Rate limit
  { category: "rate_limit", type: /RateLimit|Throttl|TooManyRequests/i },
  { category: "rate_limit", message: /\brate[ -]?limit|too many requests|throttl/i },
  { category: "rate_limit", message: status("429") },
  // Chunk or asset load (bundlers split code; a deploy removes old chunks)
  { category: "asset_load", type: /ChunkLoadError|CSS_CHUNK_LOAD_FAILED/ },
  {
    category: "asset_load",
    message:
      /Loading (?:CSS )?chunk [\w-]+ failed|dynamically imported module|Importing a module script failed|Unable to preload CSS|Failed to load module script/i,
  },
  // Third-party script (the browser hides the details of errors from other origins)
  { category: "third_party_script", message: /^Script error\.?$/, platforms: BROWSER },
  {
    category: "third_party_script",
    frame:
      /(?:^|\/)(?:gtm|gtag|analytics|fbevents|hotjar[\w.-]*|recaptcha__\w+|widget\.intercom|sdk\.segment)\.js$/i,
    innermost: true,
    platforms: BROWSER,
  },
  // Null/undefined access
  { category: "null_access", type: /NullPointer|NullReference|ArgumentNullException|KotlinNullPointer/ },
  {
    category: "null_access",
    message:
      /(?:read|set|access) propert(?:y|ies)? .*(?:of|on) (?:undefined|null)|\b(?:undefined|null) is not an object|is (?:undefined|null)(?:$|[.;])|'NoneType' object|for nil(?::NilClass)?\b|on null\b|nil pointer dereference|found nil while (?:implicitly )?unwrapping|null object reference/i,
  },
  // Database (before auth and network: "permission denied for table", "statement timeout")
  {
    category: "database",
    type: /SQL|Sequelize|Prisma|Postgres|\bPG::|psycopg|pq\.Error|\bpg\b|Mongo|Redis|JDBC|Hibernate|DbUpdate|EntityFramework|ActiveRecord::(?:StatementInvalid|ConnectionNotEstablished|Deadlocked|LockWaitTimeout|RecordNotUnique)|Doctrine|PDOException|Ecto\.|DatabaseError|OperationalError|IntegrityError|QueryFailed|InFailedSqlTransaction|Deadlock|LockWait|OptimisticLock/i,
  },
  {
    category: "database",
    message:
      /deadlock|duplicate key|violates (?:foreign key|unique|not-null|check) constraint|relation "[^"]+" does not exist|current transaction is aborted|could not serialize access|statement timeout|lock wait timeout|too many (?:clients|connections)|connection pool|SQLSTATE|\bORA-\d{5}|\bER_[A-Z_]+|no such table|syntax error at or near|database is locked/i,
  },
  // Auth
  {
    category: "auth",
    type: /Unauthori[sz]ed|Forbidden|Authenticat|Authori[sz]ation|PermissionDenied|AccessDenied|NotAuthenticated|InvalidToken|TokenExpired|JWT|JsonWebToken|Csrf/i,
  },
  {
    category: "auth",
    message:
      /\bunauthori[sz]ed|\bforbidden\b|not authenticated|authentication (?:failed|required)|invalid (?:token|credentials|api key|session)|(?:token|session) (?:has )?expired|jwt (?:expired|malformed)|access denied|not (?:allowed|permitted) to/i,
  },
  { category: "auth", message: status("401|403") },
  // Upstream 5xx (before network: "504 Gateway Timeout" is the upstream's answer)
  { category: "upstream_5xx", type: /InternalServerError|BadGateway|ServiceUnavailable|GatewayTimeout/ },
  { category: "upstream_5xx", message: status("5\\d\\d") },
  {
    category: "upstream_5xx",
    message: /Bad Gateway|Service Unavailable|Gateway Time-?out|upstream (?:connect )?error/i,
  },
  // Network or timeout
  {
    category: "network",
    type: /Timeout|TimedOut|Connect(?:ion)?(?:Error|Exception|Refused|Reset)|Socket|UnknownHost|NetworkError|HttpRequestException|URLError|NSURLError|FetchError|AbortError|ECONN|ETIMEDOUT|Net::|Faraday|Guzzle|TaskCanceled|IOException/i,
  },
  {
    category: "network",
    message:
      /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)\b|timed? ?out|timeout|Failed to fetch|NetworkError when attempting|Network request failed|connection (?:refused|reset|closed|aborted)|socket hang up|deadline exceeded|no such host|network connection was lost|Internet connection appears to be offline/i,
  },
  {
    category: "network",
    type: /^TypeError$/,
    message: /^(?:Load failed|cancelled|annulé)$/,
    platforms: BROWSER,
  },
  // Resource exhaustion
  {
    category: "resource_exhaustion",
    type: /OutOfMemory|MemoryError|StackOverflow|RecursionError|SystemStackError|InsufficientExecutionStack|QuotaExceeded|EXC_RESOURCE/,
  },
  {
    category: "resource_exhaustion",
    message:
      /out of memory|Maximum call stack size exceeded|too much recursion|recursion depth exceeded|stack level too deep|Allowed memory size of \d+ bytes exhausted|No space left on device|\bENOSPC\b|\bEMFILE\b|too many open files|Cannot allocate memory|goroutine stack exceeds|Disk quota exceeded/i,
  },
  // Configuration (the deployment, not the code or the input)
  {
    category: "configuration",
    type: /ImproperlyConfigured|Configuration|ModuleNotFound|ImportError|ClassNotFound|NoClassDefFound|MissingResource|KeyNotFoundInConfig/i,
  },
  {
    category: "configuration",
    message:
      /environment variable|\benv(?:ironment)? var|is not (?:set|configured)|not configured|missing (?:required )?(?:config|configuration|setting|secret)|Cannot find module|\bENOENT\b|No such file or directory/i,
  },
  // A message only a type error has (Cocoa's unrecognized selector is an NSInvalidArgumentException)
  {
    category: "type_error",
    message:
      /is not a function|is not iterable|is not a constructor|undefined method|interface conversion|Could not cast value|unrecognized selector sent to instance|cannot be cast to/i,
  },
  // Validation (bad input)
  {
    category: "validation",
    type: /Validation|ValueError|IllegalArgument|ArgumentException|ArgumentError|InvalidArgument|ZodError|UnprocessableEntity|BadRequest|NumberFormat|FormatException|ParseException|DateTimeParse|JSONDecodeError|JsonException|InvalidInput/i,
  },
  {
    category: "validation",
    message:
      /is not valid|is invalid|invalid (?:input|value|format|email|date|json)|is required|must be (?:a|an|at|one)|Unexpected token .* in JSON|is not valid JSON/i,
  },
  { category: "validation", message: status("400|422") },
  // Type error (a value of the wrong kind, a name that does not exist)
  {
    category: "type_error",
    type: /TypeError|ClassCast|InvalidCast|ReferenceError|NameError|NoMethodError|AttributeError|UnboundLocalError|BadFunctionError/i,
  },
  // Frames, when the type and message said nothing: the library the error was raised in.
  {
    category: "database",
    frame:
      /(?:^|[/.])(?:pg|psycopg2?|sqlalchemy|asyncpg|mysql2?|mysqlclient|pymysql|sqlite3|mongodb|mongoose|redis|ioredis|prisma|typeorm|sequelize|knex|drizzle-orm|activerecord|hibernate|jdbc|gorm|Npgsql|EntityFrameworkCore|Ecto|Doctrine)(?:[/.]|$)/i,
  },
  {
    category: "network",
    frame:
      /(?:^|[/.])(?:axios|node-fetch|undici|got|requests|urllib3|httpx|aiohttp|okhttp3?|retrofit2|Alamofire|HttpClient|faraday|guzzlehttp)(?:[/.]|$)/i,
  },
];

const QUOTE_LIMIT = 120;
const quote = (text: string) =>
  `"${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text}"`;

const frameNames = (frame: Frame) =>
  [frame.module, frame.filename].filter((name): name is string => Boolean(name));

/** The evidence one rule saw, or null when it does not apply. */
function evidenceFor(rule: Rule, input: CategoriseInput, platform: string): string[] | null {
  if (rule.platforms && !rule.platforms.includes(platform)) return null;
  const evidence: string[] = [];
  if (rule.type) {
    if (!input.exceptionType || !rule.type.test(input.exceptionType)) return null;
    evidence.push(`exception type ${quote(input.exceptionType)}`);
  }
  if (rule.message) {
    if (!input.message || !rule.message.test(input.message)) return null;
    evidence.push(`message ${quote(input.message)}`);
  }
  if (rule.frame) {
    const pattern = rule.frame;
    const candidates = rule.innermost ? input.frames.slice(-1) : input.frames.filter((f) => !f.inApp);
    // The innermost frame that matches: the library nearest to where the error was raised.
    const hit = candidates.findLast((f) => frameNames(f).some((n) => pattern.test(n)));
    if (!hit) return null;
    evidence.push(`frame ${quote(frameNames(hit).find((n) => pattern.test(n)) ?? "")}`);
  }
  return evidence;
}

function otherReason(input: CategoriseInput): string {
  const seen = [
    input.exceptionType ? `exception type ${quote(input.exceptionType)}` : null,
    input.message ? `message ${quote(input.message)}` : null,
  ].filter((part): part is string => part !== null);
  return seen.length > 0 ? `no rule matched ${seen.join(" or ")}` : "no exception type or message to go on";
}

/**
 * Puts an error in one category by the first rule of CATEGORY_RULES whose conditions all hold,
 * and says why: the reason quotes the exception type, message and frame the rule read (messages
 * over 120 characters cut). Browser (`javascript`) rules only apply on that platform. Falls back to
 * "other" with what was looked at. Pure; O(rules × (message length + frames)).
 */
export function categorise(input: CategoriseInput): CategoryVerdict {
  const platform = (input.platform ?? "").toLowerCase();
  for (const rule of CATEGORY_RULES) {
    const evidence = evidenceFor(rule, input, platform);
    if (evidence) return { category: rule.category, reason: evidence.join(" and "), evidence };
  }
  return { category: "other", reason: otherReason(input) };
}

/** What a category verdict rests on: the rule's first condition, or none for "other". */
export type CategoryBasis = "type" | "message" | "frame" | "none";

/**
 * The strongest evidence a verdict quotes: a rule on the exception type is surer than one on
 * message words, and either than a library frame. Reads the evidence categorise wrote.
 */
export function categoryBasis(verdict: CategoryVerdict): CategoryBasis {
  if (verdict.category === "other") return "none";
  const first = verdict.evidence?.[0] ?? verdict.reason;
  if (first.startsWith("exception type")) return "type";
  if (first.startsWith("message")) return "message";
  return "frame";
}
