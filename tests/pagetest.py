"""Shared AppTest helper for the page tests: open a page file with ``?lang=`` and query parameters set."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGES = Path(__file__).resolve().parents[1] / "pages"


def open_page(name: str, lang: str = "en", *, timeout: float = 90, state: dict | None = None,
              **params: object) -> AppTest:
    """Run ``pages/<name>.py`` once as a student opening a shared link: ``?lang=<lang>&key=value…``.

    ``state`` pre-fills ``st.session_state`` (e.g. a model trained earlier in the session on another page).
    """
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=timeout)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = str(value)
    return at.run()
