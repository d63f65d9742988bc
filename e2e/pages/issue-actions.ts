import type { Locator, Page } from "@playwright/test";

/** The "Actions in Sentry" panel of the issue page: buttons for triagers, request states for all. */
export class IssueActionsPanel {
  readonly panel: Locator;
  readonly resolve: Locator;
  readonly unresolve: Locator;
  readonly archive: Locator;
  readonly assign: Locator;
  readonly team: Locator;
  readonly off: Locator;

  constructor(page: Page) {
    this.panel = page.getByRole("region", { name: "Actions in Sentry" });
    this.resolve = this.panel.getByRole("button", { name: /^Resolve/ });
    this.unresolve = this.panel.getByRole("button", { name: /^Unresolve/ });
    this.archive = this.panel.getByRole("button", { name: /^Archive/ });
    this.assign = this.panel.getByRole("button", { name: /^Assign/ });
    // A text input with a list of suggestions: its role is combobox.
    this.team = this.panel.getByRole("combobox", { name: "Team to assign in Sentry" });
    this.off = this.panel.getByTestId("actions-off");
  }

  /** The newest request of a kind (resolve, archive, unresolve, assign) as the panel lists it. */
  request(action: string): Locator {
    return this.panel.getByTestId(`action-${action}`);
  }
}
