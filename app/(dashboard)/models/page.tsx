import type { Metadata } from "next";
import { ModelAccuracy } from "./_components/model-accuracy";

export const metadata: Metadata = { title: "Models · Sift" };

export default function ModelsPage() {
  return <ModelAccuracy />;
}
