import { expect, type Locator, type Page } from "@playwright/test";

/** The admin page at /admin/postmortems: upload, list, delete. */
export class PostmortemsAdminPage {
  readonly heading: Locator;
  readonly titleInput: Locator;
  readonly markdownInput: Locator;
  readonly uploadButton: Locator;
  readonly uploaded: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Post-mortems", level: 1 });
    this.titleInput = page.getByLabel(/^Title/);
    this.markdownInput = page.getByLabel("Markdown", { exact: true });
    this.uploadButton = page.getByRole("button", { name: "Upload" });
    this.uploaded = page.getByRole("status").filter({ hasText: "Uploaded" });
    this.rows = page.getByTestId("postmortem-row");
  }

  async open() {
    await this.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Post-mortems" })
      .click();
    await expect(this.heading).toBeVisible();
  }

  async upload(title: string, markdown: string) {
    await this.titleInput.fill(title);
    await this.markdownInput.fill(markdown);
    await this.uploadButton.click();
    await expect(this.uploaded).toContainText(title);
  }

  row(title: string): Locator {
    return this.rows.filter({ hasText: title });
  }

  async delete(title: string) {
    const row = this.row(title);
    await row.getByRole("button", { name: `Delete ${title}` }).click();
    await row.getByRole("button", { name: "Delete for good" }).click();
    await expect(row).toHaveCount(0);
  }
}
