import { expect, type Locator, type Page } from "@playwright/test";

/** The detail page polls every 2 s while analysis is pending; enrichment takes a few seconds. */
const ANALYSIS_TIMEOUT_MS = 15_000;

/** The issue detail page at /issues/{issueId}. */
export class IssuePage {
  readonly title: Locator;
  readonly backLink: Locator;
  readonly openInSentryLink: Locator;
  readonly analysing: Locator;
  readonly summary: Locator;
  readonly owner: Locator;
  readonly category: Locator;
  readonly blastRadius: Locator;
  readonly topTenants: Locator;
  readonly inAppFrames: Locator;
  readonly suspects: Locator;
  readonly eventsTable: Locator;
  readonly eventRows: Locator;
  readonly notFound: Locator;
  readonly errorState: Locator;
  readonly analysisTrouble: Locator;
  readonly priority: Locator;
  readonly priorityReasons: Locator;
  readonly timeline: Locator;
  readonly summaryConfidence: Locator;
  readonly summaryOrigin: Locator;
  readonly ownerValue: Locator;
  readonly ownerFeedback: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.backLink = page.getByRole("link", { name: "All issues" });
    this.openInSentryLink = page.getByRole("link", { name: /Open in Sentry/ });
    this.analysing = page.getByRole("status").filter({ hasText: "Analysing…" });
    this.summary = page.getByTestId("analysis-summary");
    this.owner = page.getByTestId("owner");
    this.category = page.getByTestId("category");
    this.blastRadius = page.getByTestId("blast-radius");
    this.topTenants = this.blastRadius.getByRole("table", { name: "Top tenants" });
    this.inAppFrames = page.getByRole("region", { name: "In-app frames" }).getByRole("listitem");
    this.suspects = page.getByRole("region", { name: "Suspect release and commits" });
    this.eventsTable = page.getByRole("table", { name: "Recent events" });
    this.eventRows = this.eventsTable.locator("tbody").getByRole("row");
    this.notFound = page.getByRole("heading", { name: "Issue not found" });
    this.errorState = page.getByRole("alert");
    this.analysisTrouble = page.getByTestId("analysis-trouble");
    this.priority = page.getByTestId("priority");
    this.priorityReasons = page.getByTestId("priority-reasons").getByRole("listitem");
    this.timeline = page.getByTestId("timeline");
    this.summaryConfidence = page.getByTestId("summary-confidence");
    this.summaryOrigin = page.getByTestId("summary-origin");
    this.ownerValue = page.getByTestId("owner-value");
    this.ownerFeedback = page.getByTestId("feedback-owner");
  }

  async goto(issueId: string) {
    await this.page.goto(`/issues/${issueId}`);
  }

  async expectTitle(title: string | RegExp) {
    await expect(this.title).toHaveText(title);
  }

  async expectAnalysing() {
    await expect(this.analysing).toBeVisible();
  }

  /** Waits through the "Analysing…" phase until the summary and owner are rendered. */
  async expectAnalysed(expected: { summary?: string | RegExp; owner?: string | RegExp } = {}) {
    await expect(this.summary).toBeVisible({ timeout: ANALYSIS_TIMEOUT_MS });
    await expect(this.analysing).toBeHidden();
    if (expected.summary) await expect(this.summary).toHaveText(expected.summary);
    if (expected.owner) await expect(this.owner).toContainText(expected.owner);
  }

  /** A triager's correction of the owner, through the owner section's controls. */
  async correctOwner(owner: string) {
    await this.owner.getByRole("button", { name: "Correct…" }).click();
    await this.owner.getByLabel("Correct owner").fill(owner);
    await this.owner.getByRole("button", { name: "Save" }).click();
  }

  tenantRow(tenantId: string): Locator {
    return this.topTenants.getByRole("row").filter({ hasText: tenantId });
  }

  async expectNotFound() {
    await expect(this.notFound).toBeVisible();
    await expect(this.page.getByRole("link", { name: "Back to issues" })).toBeVisible();
  }

  async backToList() {
    await this.backLink.click();
    await this.page.waitForURL(/\/issues(\?.*)?$/);
  }
}
