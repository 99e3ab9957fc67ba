"""ascn: validate, summarise and report on the ASEAN Smart Cities Network dataset."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
