import { expect, type Locator, type Page } from "@playwright/test";

/** A tenant, team or release page: a heading, figures, and issue queues of cards. */
export class QueuePage {
  readonly heading: Locator;
  readonly openQueue: Locator;
  readonly newQueue: Locator;
  readonly regressedQueue: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.openQueue = page.getByTestId("queue-open");
    this.newQueue = page.getByTestId("release-new");
    this.regressedQueue = page.getByTestId("release-regressed");
  }

  /** The number under a figure's label ("Events, 24 h", "New", "Open"…). */
  figure(label: string): Locator {
    return this.page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  }

  async expectIssue(queue: Locator, title: string) {
    await expect(queue.getByTestId("issue-row").filter({ hasText: title })).toBeVisible();
  }
}
