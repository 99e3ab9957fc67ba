"""The report rendered on the second core while the checks run (issue 15).

A report is only written for a dataset without errors, and the dataset's problems appear
only in its data-quality annex, which says "none" when there are none. So as soon as the
dataset is loaded (the `after_load` hook of `ascn.validate.validate`), a forked helper
builds and renders the report as for a clean dataset, while this process runs the checks.
If they find nothing, the helper's texts are the report: the same functions on the same
inputs, so the same bytes. Otherwise the helper is stopped and the report is built again
here with the problems. Below `parallel.MIN_ITEMS` files the report is rendered here after
the checks, as before: the fork would cost more than it saves.

When the output folder exists already, the helper (and its own helper, for the second
format) also writes each file to a temporary file beside its target, named after this
process (ascn.output.stage_files), and sends back only the temporary files' names: the
texts no longer cross processes (1.5 s for 100 MB at 10,000 cities). This process renames
them into place once the checks found nothing; otherwise it stops the helpers and removes
every temporary file named after it. A missing folder is left for `write` to create, so
that a dataset with errors leaves no folder behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from ascn import output
from ascn.load import parallel
from ascn.report import contents, provenance
from ascn.report.environment import Templates, resolve_templates
from ascn.report.narrative import paragraphs
from ascn.report.prework import NOTHING, Made, Prework
from ascn.report.render import file_name, render_all, render_delivered

if TYPE_CHECKING:
    from ascn.models import Dataset
    from ascn.problems import Problem

Texts = dict[str, str | bytes]  # file name -> content, as render_all gives them


@dataclass(frozen=True)
class ReportJob:
    """What a report needs besides the dataset and its problems."""

    year: int
    data_dir: Path
    formats: tuple[str, ...]
    narrative: Path | None = None  # None: reports/narrative/<year>.md if present
    templates: Path | None = None  # None: ./templates if present, else the packaged ones
    use_cache: bool = False
    out: Path | None = None  # the folder `RenderAhead.write` writes into
    prework: Prework | None = None  # provenance and compiled templates made meanwhile

    def render(self, dataset: Dataset, problems: list[Problem]) -> Texts:
        """The report's files for a validated dataset (AscnError: a bad narrative or templates)."""
        view = self._contents(dataset, problems)
        return render_all(view, self.formats, self._templates())

    def stage(self, dataset: Dataset, out: Path, owner: int) -> dict[str, str]:
        """The report of a clean dataset staged in `out` (ascn.output.stage_files) by the
        processes that render it: each file's name -> its temporary file, named after `owner`."""

        def stage_one(name: str, document: output.Document) -> str:
            (temp,) = output.stage_files(out, {name: document}, owner=owner).values()
            return str(temp)

        view = self._contents(dataset, [])
        return render_delivered(view, self.formats, stage_one, self._templates())

    def made(self) -> Made:
        """What the prework made (waited for here, once), or NOTHING."""
        return self.prework.made() if self.prework is not None else NOTHING

    def _templates(self) -> Templates:
        return Templates(resolve_templates(self.templates), self.use_cache, self.made().python)

    def _contents(self, dataset: Dataset, problems: list[Problem]) -> contents.Contents:
        words = paragraphs(self.narrative, self.year)
        where = self.made().provenance or provenance.lookup(self.data_dir)
        return contents.build(dataset, problems, self.year, where, words)


class RenderAhead:
    """Renders a job for the loaded dataset on the second core while the checks run."""

    def __init__(self, job: ReportJob, min_files: int | None = None) -> None:
        self.job = job
        self.min_files = parallel.MIN_ITEMS if min_files is None else min_files
        self._child: parallel.Child | None = None
        self._staging_in: Path | None = None  # where the helper stages the files, if it does

    def start(self, dataset: Dataset, files: int) -> None:
        """Begin rendering as for a clean dataset, in a forked helper (for large datasets)."""
        if files < self.min_files:
            return
        self.job.made()  # collected here, so that the helpers forked below have it
        out, owner = self.job.out, os.getpid()
        if out is not None and out.is_dir():
            self._staging_in = out
            self._child = parallel.start(lambda: self.job.stage(dataset, out, owner))
        else:
            self._child = parallel.start(lambda: self.job.render(dataset, []))

    def texts(self, dataset: Dataset, problems: list[Problem]) -> Texts:
        """The report: the helper's if the checks found nothing, else rendered here."""
        child, self._child = self._child, None
        if child is not None and not problems and self._staging_in is None:
            done = parallel.finish(child)
            if _are_texts(done):
                return done
        elif child is not None:
            self._stop(child)
        return self.job.render(dataset, problems)

    def write(self, dataset: Dataset, problems: list[Problem]) -> list[Path]:
        """Write the report into the job's `out` folder and return the paths (OutputNotWritable).

        The files the helper staged if the checks found nothing, else rendered and written here.
        """
        out = self.job.out
        if out is None:
            raise ValueError("the job names no folder to write into (ReportJob.out)")
        child, staging_in = self._child, self._staging_in
        if child is not None and staging_in is not None and not problems:
            self._child = None
            staged = _staged(parallel.finish(child), staging_in, self.job.formats, self.job.year)
            if staged is not None:
                return output.publish(staged)
            output.discard_own(staging_in)  # a helper that failed may have staged some
        return output.write_files(out, self.texts(dataset, problems))

    def stop(self) -> None:
        """Stop the helpers whose results will not be asked for (the command stopped early)."""
        child, self._child = self._child, None
        if child is not None:
            self._stop(child)
        if self.job.prework is not None:
            self.job.prework.stop()

    def _stop(self, child: parallel.Child) -> None:
        parallel.stop(child)  # the helper and its own helper: nothing more is staged
        if self._staging_in is not None:
            output.discard_own(self._staging_in)


@contextmanager
def render_ahead(job: ReportJob, min_files: int | None = None) -> Iterator[RenderAhead]:
    """A RenderAhead whose helper never outlives the block (errors, early exits)."""
    ahead = RenderAhead(job, min_files)
    try:
        yield ahead
    finally:
        ahead.stop()


def _are_texts(value: Any) -> TypeGuard[Texts]:
    return isinstance(value, dict) and all(
        isinstance(name, str) and isinstance(text, (str, bytes)) for name, text in value.items()
    )


def _staged(done: Any, out: Path, formats: tuple[str, ...], year: int) -> output.Staged | None:
    """The helper's answer as staged files: each expected file's temporary file, beside it."""
    expected = {file_name(year, fmt) for fmt in formats}
    if not isinstance(done, dict) or set(done) != expected:
        return None
    if not all(isinstance(temp, str) for temp in done.values()):
        return None
    staged = {out / name: Path(temp) for name, temp in sorted(done.items())}
    fits = all(temp.parent == out and temp.is_file() for temp in staged.values())
    return staged if fits else None
