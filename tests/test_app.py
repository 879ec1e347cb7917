"""The app shell: app.py lists and renders every page of cnnlab.lessons, the language switch, the shareable widgets."""
from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest
from pagetest import open_through_app
from streamlit.testing.v1 import AppTest

from cnnlab import i18n
from cnnlab.lessons import page_names

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = page_names()


def _app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def test_the_lesson_list_and_the_page_files_are_the_same_pages():
    assert PAGES[0] == "home" and len(set(PAGES)) == len(PAGES) == 10
    # the teacher's page is a file too, listed only when a teacher password is configured
    assert sorted(page_names(teacher=True)) == sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("name", page_names(teacher=True))
def test_every_page_file_compiles_and_its_cnnlab_imports_resolve(name):
    source = (ROOT / "pages" / f"{name}.py").read_text()
    tree = ast.parse(source)
    assert "setup_page(" in source  # pages must also run standalone, with the language switch
    for node in tree.body:  # top-level imports only: imports inside functions may be optional cross-checks
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cnnlab"):
            module = importlib.import_module(node.module)
            missing = [a.name for a in node.names if not hasattr(module, a.name)
                       and importlib.util.find_spec(f"{node.module}.{a.name}") is None]
            assert not missing, f"{name}: {node.module} has no {missing}"


def test_language_is_kept_when_switching_pages():
    at = _app("ko")
    at.query_params.clear()  # a page switch drops the URL's parameters
    at.switch_page("pages/conv_arithmetic.py").run()
    assert not at.exception
    assert at.title[0].value == "합성곱 계산"


@pytest.mark.parametrize("name, title_key", [("home", "home.title"), ("conv_arithmetic", "conv_arithmetic.title"),
                                             ("one_by_one", "one_by_one.title")])
def test_shell_pages_render_through_the_navigation_in_korean(name, title_key):
    at = open_through_app(name, "ko")
    assert not at.exception
    assert at.title[0].value == i18n.t(title_key, "ko")


# ---------------------------------------------------------------- shareable widgets (cnnlab.ui)
def _widgets_script():
    import streamlit as st

    from cnnlab import ui

    ui.setup_page()
    a = ui.qp_slider("a", 1, 10, 3, key="a")
    b = ui.qp_number("b", 0, 100, 50, key="b")
    c = ui.qp_select("c", [1, 3, 5], 3, key="c")
    d = ui.qp_radio("d", ["x", "y"], "x", key="d")
    e = ui.qp_toggle("e", True, key="e")
    f = ui.qp_slider("f", 2, 2, 2, key="f")  # a one-value range must not crash the slider
    st.write(repr((a, b, c, d, e, f)))


def _run(**params) -> AppTest:
    at = AppTest.from_function(_widgets_script, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_widgets_read_their_values_from_the_link():
    at = _run(a="7", b="12", c="5", d="y", e="0")
    assert not at.exception
    assert at.markdown[-1].value == "(7, 12, 5, 'y', False, 2)"


def test_widgets_clamp_or_ignore_bad_link_values():
    at = _run(a="99", b="-4", c="4", d="z", e="maybe", f="9")
    assert not at.exception
    assert at.markdown[-1].value == "(10, 0, 3, 'x', True, 2)"


def test_widgets_write_changes_back_and_drop_defaults():
    at = _run()
    assert "a" not in at.query_params
    at.slider(key="a").set_value(9).run()
    at.selectbox(key="c").set_value(1).run()
    at.toggle(key="e").set_value(False).run()
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params["a"] == "9" and params["c"] == "1" and params["e"] == "0"


def test_show_error_names_the_problem_without_raising():
    def script():
        from cnnlab import ui
        from cnnlab.arithmetic import conv2d

        ui.setup_page()
        try:
            conv2d(4, 16, 16, 7, layer="layer 2 (conv 16 k=7)")
        except ValueError as exc:
            ui.show_error(exc)
        ui.convention_note()

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception
    assert "layer 2 (conv 16 k=7)" in at.error[0].value and "lower k or add padding" in at.error[0].value
    assert "1 MAC = one multiply-add" in at.caption[0].value and "2 × MACs" in at.caption[0].value
