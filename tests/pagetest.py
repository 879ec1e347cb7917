"""Shared helpers for the page tests: open a page file with ``?lang=`` and query parameters set, check it ran,
make an image file to upload, check the page's exercise block."""
from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from streamlit.testing.v1 import AppTest

from cnnlab import i18n
from cnnlab.exercises import Answer, Exercise, answer_text, generate
from cnnlab.ui.exercises import answer_key

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


def assert_no_exception(at: AppTest) -> None:
    """The page ran to its end: no exception box (its text in the failure message)."""
    assert not at.exception, [e.value for e in at.exception]


def image_file(kind: str = "PNG", size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (200, 30, 30)
               ) -> bytes:
    """The bytes of a one-colour image file, as a student would upload it."""
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, kind)
    return buf.getvalue()


HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _shown(ex: Exercise, value: Answer, lang: str) -> str:
    """An answer as the block writes it: a choice's label (translated when it is a concept), else the number."""
    if ex.answer_kind != "choice":
        return answer_text(ex, value)
    label = ex.labels[ex.choices.index(value)]
    return i18n.t(label, lang) if label.startswith("exercises.") else label


def _submit(at: AppTest, ex: Exercise, value: Answer) -> AppTest:
    """Predict ``value`` in the block's answer box (typed, or picked for a choice) and press Check."""
    key = answer_key(ex.lesson, ex.seed, ex.index)
    if ex.answer_kind == "choice":
        at.radio(key=key).set_value(value)
    else:
        at.text_input(key=key).input(answer_text(ex, value))
    at.button(key=f"ex_check_{ex.lesson}").click()
    return at.run()


def check_exercise_block(page: str, lang: str, seed: str = "class7", **params: object) -> None:
    """The page ends with its exercise block for ``?ex=<seed>``: exercise 1 of that set is asked; the engine's
    answer is accepted and scored 1 / 1; the exercise's first known slip gets exactly its hint, naming its step;
    Reveal shows the answer and every worked step — all in ``lang``."""
    ex = generate(page, seed, 0)
    at = open_page(page, lang, ex=seed, **params)
    assert_no_exception(at)
    assert at.subheader[-1].value == i18n.t("exercises.title", lang)
    prompt = i18n.t(ex.prompt, lang, **ex.text_values())
    assert any(prompt in m.value for m in at.markdown), prompt

    at = _submit(at, ex, ex.answer)
    assert_no_exception(at)
    assert [s.value for s in at.success][-1] == i18n.t("exercises.correct", lang, answer=_shown(ex, ex.answer, lang))
    score = i18n.t("exercises.score", lang, correct=1, attempted=1)
    assert any(m.value == score for m in at.markdown)

    slip = ex.mistakes[0]
    at = _submit(at, ex, slip.wrong)
    assert_no_exception(at)
    warning = at.warning[-1].value
    step = ex.steps[slip.step]
    assert i18n.t(slip.hint, lang, **ex.text_values(slip.fmt)) in warning
    assert i18n.t("exercises.hint_step", lang, n=slip.step + 1, step=i18n.t(step.key, lang, **ex.text_values(step.fmt))
                  ) in warning
    for other in ex.mistakes[1:]:
        if other.hint != slip.hint:
            assert i18n.t(other.hint, lang, **ex.text_values(other.fmt)) not in warning
    assert not at.success or at.success[-1].value != i18n.t("exercises.correct", lang,
                                                            answer=_shown(ex, ex.answer, lang))

    at.button(key=f"ex_reveal_{page}").click()
    at = at.run()
    assert_no_exception(at)
    formulas = [c.value for c in at.code]
    assert formulas[-len(ex.steps):] == [s.formula for s in ex.steps]
    answer = i18n.t("exercises.answer", lang, answer=_shown(ex, ex.answer, lang))
    assert any(m.value == answer for m in at.markdown)
    assert any(m.value == score for m in at.markdown)      # the first check counted; later ones do not
    if lang == "ko":
        assert HANGUL.search(prompt) and HANGUL.search(warning) and HANGUL.search(answer)
