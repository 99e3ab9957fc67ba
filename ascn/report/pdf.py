"""The print-ready A4 PDF of the HTML report, typeset by WeasyPrint.

Why WeasyPrint and not headless Chromium's printToPDF: it is a Python library (no browser
to find, start and drive at run time), and it implements the CSS paged-media features the
report needs: running headers from `string-set`, "Page n of m" from page counters, page
numbers in the contents (`target-counter`), PDF bookmarks from the headings
(`bookmark-level`), table headers repeated on every page and `break-after: avoid` for
headings and captions. The HTML report's `@media print` styles are the one layout.

The same HTML gives the same PDF bytes: no creation date is written and the file
identifier is derived from the document, not drawn at random. Nothing is fetched: every
URL the typesetter asks for is refused (the report has none of its own).
"""

from __future__ import annotations

import hashlib
from typing import Any, NoReturn

from ascn.problems import AscnError


class PdfUnavailable(AscnError):
    """WeasyPrint (or the Pango library it needs) is not installed, so no PDF can be made."""


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"the report fetches nothing: {url}")


def to_pdf(html: str) -> bytes:
    """The HTML report typeset as an A4 PDF with bookmarks, page numbers and running heads."""
    try:
        import weasyprint  # noqa: PLC0415 - only a PDF needs it (and Pango behind it)
    except (ImportError, OSError) as e:  # OSError: Pango missing on the system
        raise PdfUnavailable(f"cannot write a PDF: {e}") from e
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetch).render()
    pdf: bytes | None = document.write_pdf(identifier=identifier)
    assert pdf is not None  # write_pdf returns the bytes when given no target
    return pdf
