import type { Metadata } from "next";
import { ReleaseDetail } from "./_components/release-detail";

type Props = { params: Promise<{ release: string }> };

const nameOf = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Release ${nameOf((await params).release)} · Sift` };
}

export default async function ReleasePage({ params }: Props) {
  return <ReleaseDetail release={nameOf((await params).release)} />;
}
