"""Shared helpers for the page tests: open a page file with ``?lang=`` and query parameters set, check it ran,
make an image file to upload, check the page's exercise block."""
from __future__ import annotations

import io
import time
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


_SHOWN: dict[tuple, AppTest] = {}


def shown_page(name: str, lang: str = "en", **params: object) -> AppTest:
    """``open_page(name, lang, **params)`` run once per test process and shared by every test that only READS it
    (texts, tables, figures): the same page state opened by several tests to check several things is run once.
    A test that clicks, types or sets a widget opens its own page with ``open_page``."""
    key = (name, lang, tuple(sorted((k, str(v)) for k, v in params.items())))
    if key not in _SHOWN:
        _SHOWN[key] = open_page(name, lang, timeout=180, **params)
    return _SHOWN[key]


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
# ---------------------------------------------------------------- what a student reads on a page
def _walk(node: object, out: list) -> list:
    out.append(node)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _walk(child, out)
    return out


def _figure_texts(spec: dict) -> list[str]:
    """Titles, axis titles, legend names, hover templates, annotations and category labels of a plotly figure."""
    texts: list[str] = []

    def title(obj: object) -> None:
        if isinstance(obj, dict):
            obj = obj.get("text")
        if isinstance(obj, str):
            texts.append(obj)

    layout = spec.get("layout", {})
    title(layout.get("title"))
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title(axis.get("title"))
            texts += [str(v) for v in axis.get("ticktext", []) or []]
        if key == "legend" and isinstance(axis, dict):
            title(axis.get("title"))
    texts += [a.get("text", "") for a in layout.get("annotations", []) or []]
    for trace in spec.get("data", []):
        if isinstance(trace.get("name"), str):
            texts.append(trace["name"])
        for key in ("hovertemplate", "text", "x", "y", "labels"):
            value = trace.get(key)
            values = value if isinstance(value, list) else [value]
            texts += [v for v in values if isinstance(v, str)]
    return texts


def visible_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for everything a student reads on the page: markdown, captions, titles, alerts, metrics,
    widget labels, options and help, tabs, expanders, table headers and text cells, plotly titles, axes, legends and
    hover texts. Code blocks are left out (code is code in every language)."""
    out: list[tuple[str, str]] = []
    for node in _walk(at._tree, []):
        kind = getattr(node, "type", "") or type(node).__name__
        proto = getattr(node, "proto", None)
        if kind in ("code", "sidebar") or proto is None:
            continue
        for attr in ("body", "label", "help", "placeholder"):
            value = getattr(proto, attr, None)
            if isinstance(value, str) and value:
                out.append((kind, value))
        if kind == "metric":
            out += [(kind, str(node.value)), (kind, str(node.delta or ""))]
        for option in getattr(proto, "options", []) or []:
            if isinstance(option, str):
                out.append((kind, option))
        if kind in ("dataframe", "arrow_data_frame", "table"):
            import json

            columns = json.loads(proto.columns) if getattr(proto, "columns", "") else {}
            for config in columns.values():
                if isinstance(config.get("label"), str):
                    out.append(("column", config["label"]))
                if isinstance(config.get("help"), str):
                    out.append((kind, config["help"]))
            frame = node.value
            for name in frame.columns:
                if name not in columns:
                    out.append(("column", str(name)))
                if frame[name].dtype == object:
                    out += [(kind, v) for v in frame[name].tolist() if isinstance(v, str)]
        if kind == "plotly_chart":
            import json

            out += [(kind, text) for text in _figure_texts(json.loads(proto.spec))]
    return [(k, v) for k, v in out if v.strip()]


# Words that make a run of Latin words an English sentence rather than a name ("Network in Network" is a name).
_FUNCTION_WORDS = {"the", "a", "an", "of", "is", "are", "was", "to", "for", "with", "and", "or", "not", "in", "on",
                   "by", "be", "than", "it", "its", "this", "that", "has", "have", "from", "at", "as", "no", "can",
                   "cannot", "must", "use", "try", "got", "but", "per", "each", "every", "one", "only", "you", "your",
                   "these", "those", "first", "fix", "when", "if", "will", "would", "should", "all", "so", "then",
                   "there", "which", "what", "how", "why", "more", "less", "here", "see", "we"}
NAMES = ("Network in Network", "network in network", "count_include_pad=True", "Language · 언어", "English")


def english_sentences(text: str) -> list[str]:
    """Runs of English words in ``text`` that read as a sentence (≥ 3 words with a function word, or ≥ 5 words);
    code spans, URLs, hover placeholders and HTML tags are left out, as are names such as "Network in Network"."""
    import re

    text = re.sub(r"```.*?```|`[^`]*`|https?://\S+|%\{[^}]*\}|<[^>]+>|\$[^$]*\$", " ", text, flags=re.S)
    for name in NAMES:
        text = text.replace(name, " ")
    found = []
    for run in re.findall(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)+", text):
        words = run.split()
        if (len(words) >= 3 and any(w.lower() in _FUNCTION_WORDS for w in words)) or len(words) >= 5:
            found.append(run)
    return found


def english_on_page(at: AppTest) -> list[tuple[str, str]]:
    """(element type, English) for every English sentence a student would read on the page, and every English word
    in a short label (a figure's texts, a table header, a metric, a tab, an option)."""
    found = []
    for kind, text in visible_texts(at):
        found += [(kind, run) for run in english_sentences(text)]
        if kind in LABEL_KINDS:
            found += [(kind, f"{word!r} in {text!r}") for word in english_label_words(text)]
    return found


# Labels (figure texts, table headers, metric labels, tabs, options) are short: there a single English word such as
# "conv", "input" or "MACs" is already English on a Korean page. Code names (Conv2d, MaxPool2d, features.0, aux1)
# and these names and spec keywords stay as they are.
LABEL_KINDS = ("plotly_chart", "metric", "tab", "selectbox", "radio", "multiselect", "column")
CODE_WORDS = {
    "relu", "sigmoid", "tanh", "softmax", "same", "valid", "linear", "dropout", "flatten", "identity", "sequential",
    "inception", "bottleneck", "plain", "torchvision", "captum", "cnnlab", "numpy", "adam", "adamw", "sobel",
    "grad", "cam", "lenet", "alexnet", "vgg", "googlenet", "resnet", "nin", "mnist", "cifar", "fashion", "imagenet",
    "pytorch", "torch", "gpu", "cpu", "cuda", "mps", "rgb", "pca", "sgd", "flops", "mac", "gap", "chelsea",
    "eileen", "collins", "simard", "png", "jpeg", "gif", "bmp", "webp", "tiff", "svg", "eigvec", "eigval",
    "avgpool", "maxpool", "vs", "ms", "px", "lr", "id", "ok",
}


def english_label_words(text: str) -> list[str]:
    """English words (≥ 2 letters, not code names or the names above) in a short label."""
    import re

    text = re.sub(r"`[^`]*`|%\{[^}]*\}|<[^>]+>", " ", text)
    for name in NAMES:
        text = text.replace(name, " ")
    words = re.findall(r"(?<![\w.∂])[A-Za-z]{2,}(?![\w.])", text)  # not identifiers (aux1, features.0) nor ∂loss
    return [w for w in words if re.fullmatch(r"[A-Z]?[a-z]+|[A-Z]+s", w) and w.lower() not in CODE_WORDS]
