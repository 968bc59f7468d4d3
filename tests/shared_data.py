"""Where the tests find ``../shared``, the folder beside the project (real data to test on). The
product never reads it; a test that needs a file from it skips, saying where it looked."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
EEG_RECORDING = SHARED / "data" / "eeg" / "OpenBCI_GUI-v6-blinks-jawClench-alpha.txt"


def need(path: Path) -> Path:
    """``path``, or a skip that says it is missing."""
    if not path.exists():
        pytest.skip(f"{path.name} is not at {path} (it comes with ../shared)")
    return path
