"""The home page: the app opens on it in the linked language and it links every lesson's pages in order."""
from __future__ import annotations

from pathlib import Path

import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from cnnlab import i18n
from cnnlab.lessons import SECTIONS

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.mark.parametrize("lang, title", [("en", "cnnlab — convolutional networks, hands on"),
                                         ("ko", "cnnlab — 직접 해 보는 합성곱 신경망")])
def test_app_opens_on_home_in_the_linked_language(lang, title):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == title


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_names_every_lesson_and_links_its_pages_in_teaching_order(lang):
    at = open_page("home", lang)
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    headings = [i18n.t(f"home.{section.key}", lang) for section in SECTIONS[1:]]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    # Standalone (AppTest from the page file) a link is its title in bold, in the lesson's order.
    titles = [i18n.t(f"lessons.page_{page.name}", lang) for section in SECTIONS[1:] for page in section.pages]
    assert all(f"**{title}**" in text for title in titles)
    assert i18n.t("common.conventions", lang) in text
