"""Property-based checks (Hypothesis) that bad input never escapes as an exception: a bounded number
of examples so the suite stays fast in CI."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from l10n_qa import json_text
from l10n_qa.baseline import Baseline, BaselineError

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=20))
def test_json_text_is_always_valid_utf8_and_reads_back_the_same(value):
    text = json_text.dumps(value)
    text.encode("utf-8")  # strict: a lone surrogate would raise here
    assert json.loads(text) == value


@FAST
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_baseline_load_of_any_bytes_is_a_baseline_or_a_baseline_error(tmp_path, data):
    path = tmp_path / "baseline.json"
    path.write_bytes(b'{"version": 1, "findings": [' + data + b"]}")
    try:
        Baseline.load(path)
    except BaselineError as exc:
        assert str(exc).startswith(str(path))
    assert path.read_bytes() == b'{"version": 1, "findings": [' + data + b"]}"  # never modified
