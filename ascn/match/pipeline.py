"""The investment pipeline, as `ascn pipeline` shows it: computed in `ascn.figures.pipeline`.

The computation sits below `report` and `match` in the layers so that the annual report
can carry the same table as an annex; this module is its home in the matchmaking package.
"""

from __future__ import annotations

from ascn.figures.pipeline import (
    NOT_STATED,
    Pipeline,
    PipelineRow,
    StageGroup,
    pipeline,
    readiness_summary,
)

__all__ = ["NOT_STATED", "Pipeline", "PipelineRow", "StageGroup", "pipeline", "readiness_summary"]
