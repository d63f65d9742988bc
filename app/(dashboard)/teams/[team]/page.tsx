import type { Metadata } from "next";
import { TeamQueue } from "./_components/team-queue";

type Props = { params: Promise<{ team: string }> };

const nameOf = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Team ${nameOf((await params).team)} · Sift` };
}

export default async function TeamPage({ params }: Props) {
  return <TeamQueue team={nameOf((await params).team)} />;
}
