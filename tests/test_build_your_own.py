"""Lesson 2, build your own CNN: the table <-> spec text of cnnlab.build_your_own, and the page (AppTest).

Row-by-row checks, live totals from torch, text sync, hand-off to the training lab.
"""
from __future__ import annotations


import pytest
import torch
from pagetest import assert_no_exception, check_exercise_block, open_page, open_through_app
from streamlit.testing.v1 import AppTest
from torch import nn

from cnnlab.arithmetic import fmt_int
from cnnlab.build_your_own import (DEFAULT_INPUT, DEFAULT_SPEC, first_errors, layer_row, row_text, spec_text,
                                   table_frame)
from cnnlab.spec import build_spec, parse_spec, spec_rows

EDITOR = "build_your_own.editor.0"  # the first table of a session


def test_the_default_network_is_lenet5_on_digits_with_61706_parameters():
    model = build_spec(DEFAULT_SPEC, DEFAULT_INPUT)
    assert sum(p.numel() for p in model.parameters()) == 61_706  # LeNet-5, the lesson's number
    assert tuple(model(torch.zeros(1, *DEFAULT_INPUT)).shape) == (1, 10)


def test_table_rows_round_trip_to_the_same_spec_text():
    rows = [layer_row(spec) for spec in parse_spec(DEFAULT_SPEC)]
    assert spec_text(rows) == DEFAULT_SPEC
    odd = "conv 8 k=3 s=2 p=same d=2 g=2 bias=0 | pool avg k=3 s=1 p=1 | dropout 0.25 | gap | fc 5"
    rows = [layer_row(spec) for spec in parse_spec(odd)]
    assert [s.options for s in parse_spec(spec_text(rows))] == [s.options for s in parse_spec(odd)]


def test_row_text_ignores_columns_the_layer_does_not_use_and_reads_float_cells():
    assert row_text({"layer": "relu", "out": 16.0, "k": 3.0, "p": "same"}) == "relu"
    assert row_text({"layer": "conv", "out": 16.0, "k": 5.0, "s": float("nan"), "p": "2"}) == "conv 16 k=5 p=2"
    assert row_text({"layer": "pool", "mode": None, "k": 3.0, "s": 2.0}) == "pool max k=3 s=2"
    assert row_text({"layer": "dropout", "mode": "0.3"}) == "dropout 0.3"
    assert row_text({"layer": None}) == ""


def test_the_editor_table_holds_the_spec_and_only_the_first_broken_row_and_its_known_successors_show():
    frame = table_frame(DEFAULT_SPEC)
    assert spec_text(frame.to_dict("records")) == DEFAULT_SPEC and frame["out"].dtype == "float64"
    rows = spec_rows("conv 4 k=9 | relu | fc 10 | fc x", (1, 4, 4))
    assert [r.index for r in first_errors(rows)] == [0]   # later rows wait for layer 1's shape
    rows = spec_rows("relu | fc 0 | relu", (1, 4, 4))
    assert [r.index for r in first_errors(rows)] == [1]
    assert first_errors(spec_rows(DEFAULT_SPEC, DEFAULT_INPUT)) == []


def _page(lang: str = "en", **params) -> AppTest:
    return open_page("build_your_own", lang, **params)


def _edit(at: AppTest, edited=None, added=None, deleted=None) -> AppTest:
    at.session_state[EDITOR] = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}
    return at.run()


@pytest.mark.parametrize("lang, word", [("en", "parameters"), ("ko", "파라미터")])
def test_default_lenet_renders_with_61706_parameters_in_both_languages(lang, word):
    at = _page(lang)
    assert_no_exception(at)
    assert not at.error
    totals = [m.value for m in at.markdown if "61,706" in m.value]
    assert totals and word in totals[0]  # LeNet-5: 61,706, the lesson's number
    assert at.text_area[0].value == DEFAULT_SPEC
    assert "nn.Conv2d(1, 6, kernel_size=5, padding=2)" in at.code[0].value


@pytest.mark.parametrize("lang, row_word, reason", [("en", "Row 4", "kernel 30 is larger than the padded input"),
                                                     ("ko", "4번 줄", "커널 30이 패딩을 더한 입력")])
def test_an_impossible_kernel_names_its_row_and_the_reason(lang, row_word, reason):
    at = _edit(_page(lang), edited={3: {"k": 30}})
    assert_no_exception(at)
    message = at.error[0].value
    assert row_word in message and "conv 16 k=30" in message
    assert reason in message and "14×14" in message  # 28 → conv p=2 → 28 → pool → 14
    assert not at.code  # no code for a network that cannot be built
    assert "k=30" in at.text_area[0].value  # the text box follows the table


def test_editing_the_table_updates_the_totals_to_torchs_count():
    at = _edit(_page(), edited={0: {"out": 12}, 3: {"p": "same"}})
    assert_no_exception(at)
    model = nn.Sequential(
        nn.Conv2d(1, 12, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(12, 16, 5, padding=2), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * 7 * 7, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )
    params = sum(p.numel() for p in model.parameters())
    assert any(fmt_int(params) in m.value for m in at.markdown)


def test_adding_and_deleting_rows():
    at = _edit(_page(), added=[{"layer": "dropout", "mode": "0.2"}], deleted=[10])
    assert_no_exception(at)
    text = at.text_area[0].value
    assert text.endswith("fc 84 | fc 10 | dropout 0.2")


def test_the_text_box_rebuilds_the_table_and_a_typo_keeps_it():
    at = _page("ko")
    at.text_area[0].set_value("conv 8 k=3 | relu | gap | fc 10").run()
    assert_no_exception(at)
    assert list(at.data_editor[0].value["layer"]) == ["conv", "relu", "gap", "fc"]
    params = sum(p.numel() for p in nn.Sequential(nn.Conv2d(1, 8, 3), nn.Linear(8, 10)).parameters())
    assert any(f"**{fmt_int(params)}**" in m.value for m in at.markdown)
    at.text_area[0].set_value("conv 8 k=3 | rleu").run()
    assert_no_exception(at)
    assert "rleu" in at.warning[0].value and "relu" in at.warning[0].value  # did you mean 'relu'?
    assert list(at.data_editor[0].value["layer"]) == ["conv", "relu", "gap", "fc"]


def test_a_tiny_input_breaks_the_second_conv_and_says_so():
    at = _page()
    at.number_input(key="h").set_value(8)
    at.number_input(key="w").set_value(8).run()
    assert_no_exception(at)
    assert "Row 4" in at.error[0].value and "4×4" in at.error[0].value


def test_hand_off_stores_the_spec_and_input_for_the_training_lab():
    at = _page()
    next(b for b in at.button if b.label == "Send to the training lab").click().run()
    assert_no_exception(at)
    assert at.session_state["cnnlab.custom_spec"] == {"spec": DEFAULT_SPEC, "input": (1, 28, 28)}
    from cnnlab.spec import build_spec

    model = build_spec(DEFAULT_SPEC, (1, 28, 28))
    assert tuple(model(torch.zeros(1, 1, 28, 28)).shape) == (1, 10)


def test_a_shared_link_opens_the_same_network():
    at = _page(spec="conv 4 k=3 | relu | flatten | fc 2", c=3, h=10, w=10)
    assert_no_exception(at)
    params = sum(p.numel() for p in nn.Sequential(nn.Conv2d(3, 4, 3), nn.Linear(4 * 8 * 8, 2)).parameters())
    assert any(f"**{fmt_int(params)}**" in m.value for m in at.markdown)


def test_page_renders_through_the_apps_navigation_and_links_to_the_training_lab():
    at = open_through_app("build_your_own", "ko")
    assert_no_exception(at)
    assert at.title[0].value == "나만의 CNN 만들기"
    next(b for b in at.button if b.label == "훈련 실험실로 보내기").click().run()
    assert_no_exception(at)
    assert at.session_state["cnnlab.custom_spec"]["input"] == (1, 28, 28)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("build_your_own", lang, seed="class7")
