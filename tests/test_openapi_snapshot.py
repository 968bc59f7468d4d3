"""The API's published contract: docs/openapi.json is the committed snapshot. A change to the
API shows up here and is refreshed on purpose with `make openapi`."""

import json
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def test_the_openapi_schema_matches_the_committed_snapshot():
    from painwise.api.v1 import api

    current = json.loads(json.dumps(api.get_openapi_schema(), sort_keys=True, default=str))
    assert current == json.loads(SNAPSHOT.read_text()), (
        "the API changed: run `make openapi` and review the diff"
    )
