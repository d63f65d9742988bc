import type { Metadata } from "next";
import { ProjectSettings } from "./_components/project-settings";

export const metadata: Metadata = { title: "Projects · Sift" };

export default function ProjectsPage() {
  return <ProjectSettings />;
}
