export { SectionCard } from "@/app/_components/section-card";
