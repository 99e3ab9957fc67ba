"""The status colours stay apart for readers with a colour-vision deficiency."""

from __future__ import annotations

from itertools import combinations

import pytest

from ascn.report.render import STATUS_COLORS

# CAM02-UCS distance; about 10 is a clear difference between two flat colour patches.
MIN_DISTANCE = 15


def _rgb(hex_color: str) -> list[float]:
    return [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]


@pytest.mark.parametrize("deficiency", ["protanomaly", "deuteranomaly", "tritanomaly"])
def test_status_colours_stay_distinct_under_simulated_cvd(deficiency: str) -> None:
    """Under full protanopia, deuteranopia and tritanopia each pair stays MIN_DISTANCE apart."""
    # Imported here, not at collection (numpy would weigh on forked test processes).
    from colorspacious import cspace_convert, deltaE  # noqa: PLC0415

    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    seen = {k: cspace_convert(_rgb(v), space, "sRGB1").clip(0, 1) for k, v in STATUS_COLORS.items()}
    closest = min(
        (float(deltaE(seen[a], seen[b], input_space="sRGB1")), a, b)
        for a, b in combinations(seen, 2)
    )
    assert closest[0] >= MIN_DISTANCE, closest
