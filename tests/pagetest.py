"""Shared helpers for the page tests: open a page file with ``?lang=`` and query parameters set, check it ran,
make an image file to upload."""
from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "pages"


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


def open_through_app(name: str, lang: str = "en", *, timeout: float = 90) -> AppTest:
    """Start at app.py (its navigation, ``?lang=<lang>``), then switch to ``pages/<name>.py`` as the sidebar does."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params["lang"] = lang
    at.run()
    return at.switch_page(f"pages/{name}.py").run()


def until_job_ends(at: AppTest, key: str = "training_lab.job", timeout: float = 120.0,
                   pause: float = 0.2) -> AppTest:
    """Rerun the page (as its polling fragment would) until this session's job under ``key`` has ended."""
    end = time.monotonic() + timeout
    while key in at.session_state:
        assert time.monotonic() < end, f"the job under {key} did not end in {timeout} s"
        time.sleep(pause)
        at.run()
    return at


def assert_no_exception(at: AppTest) -> None:
    """The page ran to its end: no exception box (its text in the failure message)."""
    assert not at.exception, [e.value for e in at.exception]


def image_file(kind: str = "PNG", size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (200, 30, 30)
               ) -> bytes:
    """The bytes of a one-colour image file, as a student would upload it."""
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, kind)
    return buf.getvalue()
