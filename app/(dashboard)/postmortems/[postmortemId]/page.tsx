import type { Metadata } from "next";
import { PostmortemView } from "./_components/postmortem-view";

type Props = { params: Promise<{ postmortemId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { postmortemId } = await params;
  return { title: `Post-mortem ${postmortemId} · Sift` };
}

export default async function PostmortemPage({ params }: Props) {
  const { postmortemId } = await params;
  return <PostmortemView postmortemId={postmortemId} />;
}
