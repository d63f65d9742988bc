// The demo's cast: which real Sentry sample becomes which project and issue, who it hits and when.
// Ids are fixed so replaying the demo twice is recognised as duplicates rather than new data.

export const demoOrg = "acme";
export const demoInstallationUuid = "a8e5d37a-696c-4c54-adb5-b3f28d64c7de";

export type DemoUser = { id: string; email: string; tenant_id: string; roles: string[] };

const people: [tenant: string, name: string, roles: string[]][] = [
  ["acme", "ada", ["admin"]],
  ["acme", "bo", ["billing"]],
  ["acme", "cy", ["member"]],
  ["globex", "hank", ["admin", "billing"]],
  ["globex", "mindy", ["member"]],
  ["globex", "frank", ["member"]],
  ["initech", "peter", ["member"]],
  ["initech", "samir", ["billing"]],
  ["initech", "joanna", ["admin"]],
  ["umbrella", "alice", ["admin"]],
  ["umbrella", "rain", ["member"]],
  ["umbrella", "chad", ["support"]],
  ["hooli", "gavin", ["admin"]],
  ["hooli", "nelson", ["member"]],
  ["hooli", "jared", ["billing"]],
];

export const demoUsers: DemoUser[] = people.map(([tenant, name, roles], i) => ({
  id: `u-${1001 + i}`,
  email: `${name}@${tenant}.example`,
  tenant_id: tenant,
  roles,
}));

export type DemoIssueSpec = {
  sample: string;
  projectId: number;
  slug: string;
  projectPlatform: string;
  issueId: string;
  shortId: string;
  release: string;
  /** Overrides the sample's level (or the default "error"). */
  level?: string;
  /** Tenants hit, in rotation; repeat a tenant to weight it. */
  tenants: string[];
  events: number;
  firstSeenHoursAgo: number;
  lastSeenMinutesAgo: number;
  /** The page or route the events happened on (replaces the sample's request). */
  request?: { url: string; method?: string; transaction: string };
  /** The route answered 500: adds the response context and status tag a cascade view keys on. */
  serverError?: boolean;
  /** Each event happens in the browser right after the same-index event of this issue, in its trace. */
  causedBy?: string;
  /** Replaces the sample's exception message (a past issue from the same code, another bug). */
  exceptionValue?: string;
  /**
   * A past issue the team has dealt with: Sentry sends issue.assigned (to this team) an hour after
   * its last event and issue.resolved (in `resolvedIn`) a day after. The learned owner reads it.
   */
  settled?: { team: string; teamId: string; resolvedIn: string };
};

// billing-api's 5xx and web-frontend's TypeError share trace ids: the data a cascade view needs.
// reports-go and admin-frontend are last week's, settled by a team: their code is shared with
// scheduler-go and web-frontend, so no ownership rule names those two but their history does.
export const demoIssues: DemoIssueSpec[] = [
  {
    sample: "sample-java.json",
    projectId: 4505101,
    slug: "billing-api",
    projectPlatform: "java-spring-boot",
    issueId: "6120000101",
    shortId: "BILLING-API-3F",
    release: "billing-api@1.14.0",
    tenants: ["acme", "globex", "acme", "umbrella"],
    events: 7,
    firstSeenHoursAgo: 3,
    lastSeenMinutesAgo: 6,
    request: { url: "https://api.example.com/v1/invoices", method: "GET", transaction: "GET /v1/invoices" },
    serverError: true,
  },
  {
    sample: "sample-javascript.json",
    projectId: 4505102,
    slug: "web-frontend",
    projectPlatform: "javascript-react",
    issueId: "6120000102",
    shortId: "WEB-FRONTEND-1K",
    release: "web@2.3.1",
    tenants: [],
    events: 7,
    firstSeenHoursAgo: 3,
    lastSeenMinutesAgo: 6,
    request: { url: "https://app.example.com/billing/invoices", transaction: "/billing/invoices" },
    causedBy: "billing-api",
  },
  {
    sample: "sample-python-modern.json",
    projectId: 4505103,
    slug: "ingest-worker",
    projectPlatform: "python",
    issueId: "6120000103",
    shortId: "INGEST-WORKER-8",
    release: "ingest-worker@0.9.3",
    tenants: ["initech", "hooli", "initech"],
    events: 5,
    firstSeenHoursAgo: 20,
    lastSeenMinutesAgo: 125,
  },
  {
    sample: "sample-android.json",
    projectId: 4505104,
    slug: "mobile-android",
    projectPlatform: "android",
    issueId: "6120000104",
    shortId: "MOBILE-ANDROID-2C",
    release: "io.acme.mobile@5.2.0+412",
    tenants: ["hooli", "globex", "acme", "umbrella", "initech"],
    events: 5,
    firstSeenHoursAgo: 9,
    lastSeenMinutesAgo: 31,
  },
  {
    sample: "sample-ruby.json",
    projectId: 4505105,
    slug: "checkout-rails",
    projectPlatform: "ruby-rails",
    issueId: "6120000105",
    shortId: "CHECKOUT-RAILS-Q",
    release: "checkout@3.1.0",
    tenants: ["umbrella"],
    events: 4,
    firstSeenHoursAgo: 6,
    lastSeenMinutesAgo: 58,
  },
  {
    sample: "sample-csharp-aspnetcore.json",
    projectId: 4505106,
    slug: "payments-dotnet",
    projectPlatform: "csharp-aspnetcore",
    issueId: "6120000106",
    shortId: "PAYMENTS-DOTNET-5",
    release: "payments@2.0.4",
    level: "warning",
    tenants: ["globex", "acme"],
    events: 4,
    firstSeenHoursAgo: 30,
    lastSeenMinutesAgo: 290,
  },
  {
    sample: "sample-php.json",
    projectId: 4505107,
    slug: "marketing-site",
    projectPlatform: "php-laravel",
    issueId: "6120000107",
    shortId: "MARKETING-SITE-D",
    release: "marketing@1.0.9",
    tenants: ["hooli", "initech", "acme"],
    events: 4,
    firstSeenHoursAgo: 12,
    lastSeenMinutesAgo: 180,
  },
  {
    sample: "grouping-input-go-pkg-mod.json",
    projectId: 4505108,
    slug: "scheduler-go",
    projectPlatform: "go",
    issueId: "6120000108",
    shortId: "SCHEDULER-GO-2",
    release: "scheduler@0.4.2",
    tenants: ["acme", "globex", "initech", "umbrella"],
    events: 4,
    firstSeenHoursAgo: 2,
    lastSeenMinutesAgo: 4,
  },
  {
    sample: "grouping-input-go-pkg-mod.json",
    projectId: 4505109,
    slug: "reports-go",
    projectPlatform: "go",
    issueId: "6120000109",
    shortId: "REPORTS-GO-7",
    release: "reports@1.8.0",
    tenants: ["hooli", "acme"],
    events: 3,
    firstSeenHoursAgo: 9 * 24,
    lastSeenMinutesAgo: 8 * 24 * 60,
    exceptionValue: 'pq: duplicate key value violates unique constraint "report_runs_pkey"',
    settled: { team: "database", teamId: "4505301", resolvedIn: "reports@1.8.1" },
  },
  {
    sample: "sample-javascript.json",
    projectId: 4505110,
    slug: "admin-frontend",
    projectPlatform: "javascript-react",
    issueId: "6120000110",
    shortId: "ADMIN-FRONTEND-4",
    release: "admin@0.9.0",
    tenants: ["globex"],
    events: 2,
    firstSeenHoursAgo: 11 * 24,
    lastSeenMinutesAgo: 10 * 24 * 60,
    request: { url: "https://admin.example.com/accounts", transaction: "/accounts" },
    exceptionValue: "Object [object Object] has no method 'renderRows'",
    settled: { team: "frontend", teamId: "4505302", resolvedIn: "admin@0.9.1" },
  },
];
