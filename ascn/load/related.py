"""Messages naming another place (`{related}`: a duplicate id's first use) get its file:line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ascn.load import loader
from ascn.problems import Problem


def placed(problems: list[Problem]) -> list[Problem]:
    """Problems whose message names another place (`{related}`) with that place's file:line."""
    pending = [p for p in problems if p.related is not None]
    if not pending:
        return problems
    # Placeholders at the other places, located the way the problems themselves are.
    marks = [Problem.at_pointer(p.code, "", *p.related) for p in pending if p.related]
    places = {}
    for file in {m.file for m in marks}:
        text, _ = loader.read_text(Path(file), file)
        here = [m for m in marks if m.file == file]
        located = loader.locate(here, text) if text is not None else here
        places.update({(m.file, m.pointer): f"{m.file}:{m.line}" for m in located})
    return [
        loader.printable_problem(
            replace(p, message=p.message.replace("{related}", places[p.related]), related=None)
        )
        if p.related is not None
        else p
        for p in problems
    ]
