import type { Metadata } from "next";
import { PostmortemAdmin } from "./_components/postmortem-admin";

export const metadata: Metadata = { title: "Post-mortems · Sift" };

export default function PostmortemsAdminPage() {
  return <PostmortemAdmin />;
}
