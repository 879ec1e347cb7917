"""The translation tables: every key in English and Korean, formatting, fallbacks, Korean pages in Korean."""
from __future__ import annotations

import re

import pytest

from cnnlab import i18n

HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"{(\w+)(?:![rsa])?(?::[^{}]*)?}")  # {n}, {x:.1f}, {n:으로} (a Korean particle, see i18n.josa)
# Areas written by the app shell; Korean text there must really be Korean.
SHELL_AREAS = ("common.", "lessons.", "conv_arithmetic.", "one_by_one.", "home.")
# Language-neutral texts (symbols, option names kept in English in Korean lectures too).
NEUTRAL = {"conv_arithmetic.pad_same", "conv_arithmetic.pad_valid", "conv_arithmetic.flops",
           "conv_arithmetic.flops_delta", "conv_arithmetic.err_span_dilated", "one_by_one.shape_line",
           "one_by_one.branch_1x1", "one_by_one.branch_3x3", "one_by_one.branch_5x5",
           "one_by_one.bn_fig_bottleneck", "one_by_one.inc_same_line", "one_by_one.fz_macs_stacked"}


def test_every_key_has_english_and_korean():
    assert i18n.missing_translations() == []


def test_tables_from_every_submodule_are_merged():
    keys = i18n.strings()
    for key in ("common.conventions", "conv_arithmetic.title", "one_by_one.title", "home.title",
                "lessons.page_conv_arithmetic"):
        assert key in keys


def test_t_formats_placeholders_in_both_languages():
    assert i18n.t("conv_arithmetic.flops_delta", "en", flops="1,536,000") == "≈ 1,536,000 FLOPs"
    assert i18n.t("one_by_one.nin_filter", "ko", i=2) == "필터 2"


def test_missing_placeholder_is_left_visible_instead_of_raising():
    assert "{flops}" in i18n.t("conv_arithmetic.flops_delta", "en")


def test_unknown_key_returns_the_key():
    assert i18n.t("no.such.key", "ko") == "no.such.key"


def test_key_without_korean_falls_back_to_english():
    table = i18n.strings()
    table["test.only_en"] = {"en": "only English"}
    try:
        assert i18n.t("test.only_en", "ko") == "only English"
        assert ("test.only_en", "ko") in i18n.missing_translations()
    finally:
        del table["test.only_en"]


@pytest.mark.parametrize("raw, code", [("ko", "ko"), ("KO", "ko"), ("ko-KR", "ko"), ("en", "en"), ("fr", "en"),
                                       (None, "en"), ("", "en")])
def test_language_codes_are_normalized(raw, code):
    assert i18n.normalize_lang(raw) == code


def test_shell_pages_korean_text_is_korean():
    bad = [key for key, texts in i18n.strings().items()
           if key.startswith(SHELL_AREAS) and key not in NEUTRAL and not HANGUL.search(texts.get("ko", ""))
           and re.search(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}|`[^`]*`", "", texts.get("ko", "")))]
    assert bad == []


def test_korean_uses_the_fields_standard_terms():
    ko = {key: texts["ko"] for key, texts in i18n.strings().items()}
    assert "패딩" in ko["conv_arithmetic.pad_mode"] and "스트라이드" in ko["conv_arithmetic.s"]
    assert "합성곱" in ko["conv_arithmetic.title"] and "수용 영역" in ko["conv_arithmetic.rf_head"]
    assert "풀링" in ko["conv_arithmetic.mode_pool"] and "필터" in ko["conv_arithmetic.f"]
    assert "채널" in ko["conv_arithmetic.c"]


def _sources() -> dict[str, str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("pages/*.py"), *root.glob("cnnlab/**/*.py"), root / "app.py"]
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in files if "i18n" not in p.parts}


def test_every_key_the_code_asks_for_exists():
    keys = set(i18n.strings())
    literal = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""")
    missing = {(path, key) for path, text in _sources().items() for key in literal.findall(text) if key not in keys}
    assert missing == set()


def test_english_and_korean_texts_have_the_same_placeholders():
    for key, texts in i18n.strings().items():
        assert set(PLACEHOLDER.findall(texts["en"])) == set(PLACEHOLDER.findall(texts["ko"])), key



def test_every_key_is_prefixed_by_the_area_that_owns_its_table():
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(i18n.__path__):
        table = importlib.import_module(f"cnnlab.i18n.{info.name}").STRINGS
        assert all(key.startswith(f"{info.name}.") for key in table), info.name


# Issue 11, item 11: one shape order everywhere — C×H×W (PyTorch's, ``arithmetic.fmt_shape``), never H×W×C.
_HWC = re.compile(r"H×W×C|H×W×채널|height×width×channels|높이×너비×채널|"
                  r"\{(?:n|h|size)\}×\{(?:n|h|w|size)\}×\{(?:c|f|cin|cout)\b[^}]*\}")


def test_no_string_writes_a_shape_height_first():
    found = [(key, lang, text) for key, texts in i18n.strings().items() for lang, text in texts.items()
             if _HWC.search(text)]
    assert found == []


def test_the_shape_order_check_catches_both_ways_of_writing_it_height_first():
    assert _HWC.search("Output (H×W×channels)".replace("channels", "C"))
    assert _HWC.search("An input of {n}×{n}×{c}") and _HWC.search("{h}×{h}×{cout:으로}")
    assert not _HWC.search("An input of {c}×{n}×{n} (C×H×W)")
