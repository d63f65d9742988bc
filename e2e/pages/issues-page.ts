import { expect, type Locator, type Page } from "@playwright/test";

/** Analysis lands asynchronously and the list only refreshes every 10 s, so allow one refresh plus slack. */
const ANALYSIS_TIMEOUT_MS = 20_000;

/** The issue list at /issues. */
export class IssuesPage {
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly statusFilter: Locator;
  readonly sortOrder: Locator;
  readonly priorityFilter: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly loadMoreButton: Locator;
  readonly emptyState: Locator;
  readonly errorState: Locator;
  readonly retryButton: Locator;
  readonly listStatus: Locator;
  readonly chips: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Issues" });
    this.searchBox = page.getByRole("searchbox", { name: "Search issues" });
    this.statusFilter = page.getByRole("combobox", { name: "Status" });
    this.sortOrder = page.getByRole("combobox", { name: "Sort" });
    this.priorityFilter = page.getByRole("combobox", { name: "Priority" });
    this.table = page.getByRole("table", { name: "Issues" });
    this.rows = page.getByTestId("issue-row");
    this.loadMoreButton = page.getByRole("button", { name: "Load more" });
    this.emptyState = page.getByRole("heading", { name: "No issues yet" });
    // Not Next's route announcer, also an (empty) alert.
    this.errorState = page.getByRole("alert").filter({ hasText: /\S/ });
    this.retryButton = page.getByRole("button", { name: "Retry" });
    this.listStatus = page.getByTestId("list-status");
    this.chips = page.getByTestId("filter-chip");
  }

  /** Opens the list, optionally pre-filtered through the shareable URL params. */
  async goto(params: Record<string, string | undefined> = {}) {
    const search = new URLSearchParams(
      Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]),
    );
    const query = search.toString();
    await this.page.goto(query ? `/issues?${query}` : "/issues");
    await expect(this.heading).toBeVisible();
  }

  /** The chip of an active filter, e.g. chip("environment"). */
  chip(filter: string): Locator {
    return this.page.locator(`[data-testid="filter-chip"][data-filter="${filter}"]`);
  }

  /** The ids of the rows shown, top to bottom. */
  async rowIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-issue-id") ?? ""));
  }

  rowFor(title: string | RegExp): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name: title }) });
  }

  priorityFor(title: string | RegExp): Locator {
    return this.rowFor(title).getByTestId("priority-badge");
  }

  summaryFor(title: string | RegExp): Locator {
    return this.rowFor(title).getByTestId("issue-summary");
  }

  /** Types a query and waits for the debounced URL update, so the next assertion sees filtered rows. */
  async search(q: string) {
    await this.searchBox.fill(q);
    await expect.poll(() => new URL(this.page.url()).searchParams.get("q") ?? "").toBe(q.trim());
  }

  async filterStatus(status: "unresolved" | "resolved" | "ignored" | "all") {
    await this.statusFilter.selectOption(status === "all" ? "" : status);
  }

  async loadMore() {
    const before = await this.rows.count();
    await this.loadMoreButton.click();
    await expect.poll(() => this.rows.count()).toBeGreaterThan(before);
  }

  async open(title: string | RegExp) {
    await this.rowFor(title).getByRole("link", { name: title }).click();
    await this.page.waitForURL(/\/issues\/\d+$/);
  }

  async expectRow(title: string | RegExp) {
    await expect(this.rowFor(title)).toBeVisible();
  }

  async expectNotAnalysed(title: string | RegExp) {
    await expect(this.summaryFor(title)).toHaveText("not analysed yet");
  }

  /** Waits for the row's summary to replace the "not analysed yet" placeholder. */
  async expectAnalysed(title: string | RegExp, summary?: string | RegExp) {
    const cell = this.summaryFor(title);
    await expect(cell).not.toHaveText("not analysed yet", { timeout: ANALYSIS_TIMEOUT_MS });
    if (summary) await expect(cell).toHaveText(summary);
  }

  /** The users column of the rows shown, top to bottom. */
  async userCounts(): Promise<number[]> {
    return this.rows
      .getByTestId("issue-users")
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-value"))));
  }

  async expectEmpty() {
    await expect(this.emptyState).toBeVisible();
    await expect(this.page.getByText("/api/webhooks/sentry")).toBeVisible();
  }

  async expectError(message: string | RegExp) {
    await expect(this.errorState).toContainText(message);
  }
}
