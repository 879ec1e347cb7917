"""The degradation page: precomputed curves at once (en, ko), the live re-run, the gradient charts, errors."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cnnlab import degradation as deg

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "degradation.py")
TINY = replace(deg.PRESETS["classroom"], depths=(8, 14), epochs=2, subset=256, test_subset=256)


def page(lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    return at


def final_errors() -> dict[tuple[int, bool], float]:
    result = json.loads((ROOT / "assets" / "degradation" / "classroom.json").read_text(encoding="utf-8"))
    return {(r["depth"], r["residual"]): r["train_error"][-1] for r in result["runs"]}


@pytest.mark.parametrize("lang, plain_word, ratio_word", [("en", "Plain", "×"), ("ko", "플레인", "배")])
def test_page_shows_precomputed_curves_table_and_gradients_at_once(lang, plain_word, ratio_word):
    at = page(lang).run()
    assert not at.exception
    assert plain_word in at.title[0].value
    charts = at.get("plotly_chart")
    assert len(charts) == 3   # error curves, sigmoid vs ReLU, plain vs residual gradients
    table = at.dataframe[0].value
    final = final_errors()
    depths = sorted({d for d, _ in final})
    assert list(table.iloc[:, 0]) == depths
    # the table shows the asset's numbers (percent with one decimal)
    assert list(table.iloc[:, 1]) == [f"{final[(d, False)]:.1%}" for d in depths]
    assert list(table.iloc[:, 2]) == [f"{final[(d, True)]:.1%}" for d in depths]
    ratio = final[(depths[-1], False)] / final[(depths[0], False)]
    assert any(f"{ratio:.1f}" in i.value and ratio_word in i.value for i in at.info)
    assert not at.warning


def test_widgets_at_their_extremes_render_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    for lang in ("en", "ko"):
        at = page(lang).run()
        at.toggle(key="test").set_value(True).run()
        at.radio(key="when").set_value("trained").run()
        assert not at.exception
        curves = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert any(tr.get("line", {}).get("dash") == "dot" for tr in curves["data"])   # test error shown
        at.radio(key="preset").set_value("full").run()
        assert not at.exception and at.info   # no precomputed full results on this machine: a hint, not a crash
        at.button(key="deg_rerun").click().run()
        assert not at.exception
        assert at.error and "CIFAR-10" in at.error[0].value   # offline: says how to get the data


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_live_rerun_trains_the_preset_here_and_replaces_the_curves(lang):
    at = page(lang)
    at.session_state["deg.override"] = TINY
    at.run()
    at.button(key="deg_rerun").click().run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    xs = {len(tr["x"]) for tr in spec["data"]}
    assert xs == {2}                       # two epochs per curve, as the tiny preset says
    assert len(spec["data"]) == 4          # plain and residual at depths 8 and 14
    assert len(at.dataframe[0].value) == 2
    live = at.session_state["deg.live"]["classroom"]
    assert not live.get("partial") and len(live["runs"]) == 4
    # the next rerun (e.g. moving a widget) keeps showing this session's live result
    at.toggle(key="test").set_value(True).run()
    assert not at.exception and len(at.dataframe[0].value) == 2
