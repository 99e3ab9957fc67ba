"""The A4 PDF of the report: typeset by WeasyPrint, deterministic, with bookmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ascn.figures import progress as pg
from ascn.report import contents, pdf, provenance
from ascn.report import render as report
from ascn.report.provenance import Provenance
from ascn.validate import validate

REPO = Path(__file__).resolve().parents[2]
PROVENANCE = Provenance("0" * 40, False, "0.0.0-test", "2024-03-01")
A4_CSS_PX = (793.7, 1122.52)  # 210 x 297 mm at 96 CSS px per inch
MAX_PAGES = 35  # the Secretariat's budget for the printed report of the latest year


def html(year: int, data: Path = Path("data"), prov: Provenance = PROVENANCE) -> str:
    """The HTML report for `year` from `data`."""
    result = validate(data)
    return report.render(contents.build(result.dataset, result.problems, year, prov), "html")


def _render(text: str) -> Any:
    """The typeset document. WeasyPrint is imported here, not at collection: forked test
    processes would otherwise count its memory against the hostile cases' bound."""
    import weasyprint  # noqa: PLC0415 - see the docstring

    return weasyprint.HTML(string=text).render()


def _bookmarks(document: Any) -> list[str]:
    return [label for label, *_ in document.make_bookmark_tree()]


def test_pdf_is_the_same_bytes_twice(report_fixture: Path) -> None:
    """The same HTML gives byte-identical PDFs (no date, a derived file identifier)."""
    text = html(2023)
    first = pdf.to_pdf(text)
    assert first.startswith(b"%PDF-")
    assert pdf.to_pdf(text) == first


def test_pdf_pages_are_a4_with_a_bookmark_per_section(report_fixture: Path) -> None:
    """Every page is A4, and the PDF outline lists the title and the report's sections."""
    document = _render(html(2023))
    assert {(round(p.width, 2), round(p.height, 2)) for p in document.pages} == {A4_CSS_PX}
    assert _bookmarks(document) == [
        "Annual monitoring report 2023",
        "Contents",
        "Key messages",
        "The network in 2023",
        "Project portfolio",
        "Exhibit 2: projects of every city by focus area",
        "By country and city",
        "Map of member cities",
        "Trends, 2018\u20132023",
        "Changes in 2023",
        "Partnerships",
        "Published figures and the data",
        "City pages",
        "How the figures are counted",
        "Annex: data quality",
        "Provenance",
    ]


def test_the_latest_report_of_the_shipped_data_fits_the_page_budget() -> None:
    """The shipped data's report for its latest year prints on at most MAX_PAGES A4 pages."""
    data = REPO / "data"
    year = pg.default_year(validate(data).dataset)
    document = _render(html(year, data, provenance.lookup(data)))
    assert len(document.pages) <= MAX_PAGES
