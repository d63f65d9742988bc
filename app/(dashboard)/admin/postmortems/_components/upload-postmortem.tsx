"use client";

import { type FormEvent, useState } from "react";
import { errorMessage } from "@/lib/query/api-fetch";
import { useUploadPostmortem } from "@/lib/query/postmortems";

const inputClass =
  "w-full rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-zinc-900";

/** A markdown post-mortem, typed or pasted, or read from a .md file chosen here. */
export function UploadPostmortem() {
  const upload = useUploadPostmortem();
  const [title, setTitle] = useState("");
  const [markdown, setMarkdown] = useState("");

  async function readFile(file: File | undefined) {
    if (!file) return;
    setMarkdown(await file.text());
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    upload.mutate(
      { markdown, ...(title.trim() ? { title: title.trim() } : {}) },
      {
        onSuccess: () => {
          setTitle("");
          setMarkdown("");
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby="upload-heading"
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <h2 id="upload-heading" className="text-sm font-semibold text-zinc-900">
        Upload a post-mortem
      </h2>
      <label className="block space-y-1 text-xs font-medium text-zinc-700">
        <span>Title (optional: the first heading is used otherwise)</span>
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
          className={inputClass}
        />
      </label>
      <label className="block space-y-1 text-xs font-medium text-zinc-700">
        <span>Markdown file</span>
        <input
          type="file"
          accept=".md,.markdown,text/markdown,text/plain"
          onChange={(e) => void readFile(e.target.files?.[0])}
          className="block w-full text-xs text-zinc-600 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-2.5 file:py-1 file:text-xs file:font-medium"
        />
      </label>
      <label className="block space-y-1 text-xs font-medium text-zinc-700">
        <span>Markdown</span>
        <textarea
          value={markdown}
          onChange={(e) => setMarkdown(e.target.value)}
          rows={8}
          required
          placeholder={"# What broke\n\n- **Date:** 2026-01-31\n\n## Root cause\n…"}
          className={`${inputClass} font-mono text-xs`}
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={upload.isPending || markdown.trim() === ""}
          className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-50"
        >
          {upload.isPending ? "Uploading…" : "Upload"}
        </button>
        {upload.isError && (
          <span role="alert" className="text-xs text-red-700">
            {errorMessage(upload.error)}
          </span>
        )}
        {upload.isSuccess && (
          <span role="status" className="text-xs text-emerald-700">
            Uploaded “{upload.data.title}”: matching issues show it now.
          </span>
        )}
      </div>
    </form>
  );
}
