"use client";

import { ErrorState } from "@/app/_components/error-state";
import { RelativeTime } from "@/app/_components/relative-time";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { useAuth } from "@/lib/auth/auth-context";
import { hasRole } from "@/lib/auth/roles";
import type { ProjectItem, WritebackModeBody } from "@/lib/contracts/admin";
import { useProjects, useSetProjectSettings } from "@/lib/query/admin";
import { errorMessage } from "@/lib/query/api-fetch";

const modeLabels: Record<WritebackModeBody, string> = {
  off: "Off",
  comment: "Comment",
  assign: "Comment and assign",
};

function ModeSelect({
  project,
  defaultMode,
  disabled,
}: {
  project: ProjectItem;
  defaultMode: WritebackModeBody;
  disabled: boolean;
}) {
  const setSettings = useSetProjectSettings();
  const id = `writeback-${project.id}`;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Write-back for {project.slug ?? project.id}
      </label>
      <select
        id={id}
        value={project.writeback ?? "default"}
        disabled={disabled || setSettings.isPending}
        onChange={(event) => {
          const value = event.target.value;
          const writeback = value === "default" ? null : (value as WritebackModeBody);
          setSettings.mutate({ projectId: project.id, settings: { writeback } });
        }}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 disabled:opacity-60"
      >
        <option value="default">Default ({modeLabels[defaultMode]})</option>
        {(Object.keys(modeLabels) as WritebackModeBody[]).map((mode) => (
          <option key={mode} value={mode}>
            {modeLabels[mode]}
          </option>
        ))}
      </select>
      {setSettings.isError && (
        <span role="alert" className="text-xs text-red-700">
          {errorMessage(setSettings.error)}
        </span>
      )}
    </div>
  );
}

/** Per project: whether Sift writes its analysis back to Sentry (admins change it; everyone sees it). */
export function ProjectSettings() {
  const { user } = useAuth();
  const projects = useProjects();
  const isAdmin = user ? hasRole(user, "admin") : false;
  const data = projects.data;
  return (
    <section aria-labelledby="projects-heading" className="space-y-4">
      <div>
        <h1 id="projects-heading" className="text-lg font-semibold text-zinc-900">
          Projects
        </h1>
        <p className="text-sm text-zinc-600">
          Write-back posts Sift's analysis as a comment on the Sentry issue, and with "assign" also assigns
          the owning team when an ownership rule matched. Never over someone else's assignment.
          {!isAdmin && " Only admins can change it."}
        </p>
      </div>
      {/* The heading stays on an error too, so the page still says where the reader is. */}
      {projects.isError ? (
        <ErrorState
          message={errorMessage(projects.error)}
          onRetry={() => projects.refetch()}
          retrying={projects.isFetching}
        />
      ) : !data ? (
        <p aria-busy="true" className="text-sm text-zinc-500">
          Loading projects…
        </p>
      ) : (
        <ScrollRegion label="Projects table" className="rounded-lg border border-zinc-200 bg-white">
          <table className="w-full border-collapse text-sm">
            <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-500">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Project
                </th>
                <th scope="col" className="px-3 py-2">
                  Write-back
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Changed
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((project) => (
                <tr key={project.id} className="border-t border-zinc-100">
                  <td className="px-3 py-2 font-medium text-zinc-900">
                    {project.name ?? project.slug ?? project.id}
                  </td>
                  <td className="px-3 py-2">
                    <ModeSelect project={project} defaultMode={data.defaultWriteback} disabled={!isAdmin} />
                  </td>
                  <td className="hidden px-3 py-2 text-zinc-600 sm:table-cell">
                    {project.writebackChangedAt ? (
                      <>
                        {project.writebackChangedBy}, <RelativeTime value={project.writebackChangedAt} />
                      </>
                    ) : (
                      "never"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
