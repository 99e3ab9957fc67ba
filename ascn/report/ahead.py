"""The report rendered on the second core while the checks run (issue 15).

A report is only written for a dataset without errors, and the dataset's problems appear
only in its data-quality annex, which says "none" when there are none. So as soon as the
dataset is loaded (the `after_load` hook of `ascn.validate.validate`), a forked helper
builds and renders the report as for a clean dataset, while this process runs the checks.
If they find nothing, the helper's texts are the report: the same functions on the same
inputs, so the same bytes. Otherwise the helper is stopped and the report is built again
here with the problems. Below `parallel.MIN_ITEMS` files the report is rendered here after
the checks, as before: the fork would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from ascn.load import parallel
from ascn.report import contents, provenance
from ascn.report.narrative import paragraphs
from ascn.report.render import render_all, resolve_templates

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

    def render(self, dataset: Dataset, problems: list[Problem]) -> Texts:
        """The report's files for a validated dataset (AscnError: a bad narrative or templates)."""
        words = paragraphs(self.narrative, self.year)
        where = provenance.lookup(self.data_dir)
        view = contents.build(dataset, problems, self.year, where, words)
        template_dir = resolve_templates(self.templates)
        return render_all(view, self.formats, template_dir, use_cache=self.use_cache)


class RenderAhead:
    """Renders a job for the loaded dataset on the second core while the checks run."""

    def __init__(self, job: ReportJob, min_files: int | None = None) -> None:
        self.job = job
        self.min_files = parallel.MIN_ITEMS if min_files is None else min_files
        self._child: parallel.Child | None = None

    def start(self, dataset: Dataset, files: int) -> None:
        """Begin rendering as for a clean dataset, in a forked helper (for large datasets)."""
        if files >= self.min_files:
            self._child = parallel.start(lambda: self.job.render(dataset, []))

    def texts(self, dataset: Dataset, problems: list[Problem]) -> Texts:
        """The report: the helper's if the checks found nothing, else rendered here."""
        child, self._child = self._child, None
        if child is not None and not problems:
            done = parallel.finish(child)
            if _are_texts(done):
                return done
        elif child is not None:
            parallel.stop(child)
        return self.job.render(dataset, problems)

    def stop(self) -> None:
        """Stop a helper whose texts will not be asked for (the command stopped early)."""
        child, self._child = self._child, None
        if child is not None:
            parallel.stop(child)


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
