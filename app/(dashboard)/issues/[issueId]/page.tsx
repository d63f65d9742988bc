import type { Metadata } from "next";
import { IssueDetail } from "./_components/issue-detail";

type Props = { params: Promise<{ issueId: string }> };

// The issue itself is fetched client-side with the user's token, so the title can only name the id.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { issueId } = await params;
  return { title: `Issue ${issueId} · Sift` };
}

export default async function IssuePage({ params }: Props) {
  const { issueId } = await params;
  return <IssueDetail issueId={issueId} />;
}
