"""The "Predict, then reveal" block at the end of every lesson page: ``exercise_block("conv_arithmetic")``.

The exercise set comes from the seed in ``?ex=`` (a teacher shares one link, the whole class gets the same set);
without one, a fresh seed is written to the URL so the link reproduces the set. The seed is also kept in the
session, because a page switch drops the URL's parameters. The block shows exercise i of the set: a prediction
box, **Check** (right, or a hint naming the step that went wrong — no answer yet), **Reveal** (the answer and
every worked step) and **New exercise** (i + 1, same seed). The score counts, per lesson and session, the
exercises right on the first check out of those checked or revealed.

It runs as a fragment: checking an answer reruns this block only, not the page's heavier parts. Widget keys
start with ``ex_`` so they never collide with a page's own keys (which are also URL parameters).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from cnnlab import i18n
from cnnlab.exercises import Answer, Exercise, Verdict, answer_text, check, generate, new_seed, normalize_seed
from cnnlab.ui.core import formula, lang, t

__all__ = ["exercise_block", "current_seed", "answer_key", "SEED_PARAM", "STATE_KEY"]

SEED_PARAM = "ex"           # ?ex=<seed>
SEED_KEY = "ex_seed"        # the class's seed, remembered across page switches
STATE_KEY = "ex_state"      # {lesson: LessonState}
MAX_OUTCOMES = 200          # per lesson: old outcomes are forgotten (the score keeps counting)


@dataclass
class LessonState:
    seed: str
    index: int = 0
    attempted: int = 0
    correct: int = 0
    outcome: dict[int, str] = field(default_factory=dict)   # index -> "correct" | "wrong" | "revealed"
    verdict: tuple[int, Verdict] | None = None              # the last check of the exercise on screen
    revealed: set[int] = field(default_factory=set)         # the exercise on screen, once revealed


def current_seed() -> str:
    """The seed from ``?ex=`` (remembered), else the session's, else a new one — written back to the URL."""
    url = normalize_seed(st.query_params.get(SEED_PARAM))
    seed = url or st.session_state.get(SEED_KEY) or new_seed()
    st.session_state[SEED_KEY] = seed
    if url != seed:
        st.query_params[SEED_PARAM] = seed
    return seed


def answer_key(lesson: str, seed: str, index: int) -> str:
    """The widget key of an exercise's answer box (text or radio): a fresh box for every exercise."""
    return f"ex_in_{lesson}_{seed}_{index}"


def _state(lesson: str, seed: str) -> LessonState:
    states = st.session_state.setdefault(STATE_KEY, {})
    state = states.get(lesson)
    if state is None:
        state = states[lesson] = LessonState(seed)
    elif state.seed != seed:   # a new class link: its set starts at exercise 1; the session's score stays
        state.seed, state.index, state.verdict = seed, 0, None
        state.outcome.clear()
        state.revealed.clear()
    return state


@st.cache_data(max_entries=512, show_spinner=False)
def _exercise(lesson: str, seed: str, index: int) -> Exercise:
    return generate(lesson, seed, index)


def _score(state: LessonState, index: int, outcome: str) -> None:
    """Count an exercise once: its first check (right or wrong) or a reveal before any check."""
    if index in state.outcome:
        return
    state.outcome[index] = outcome
    state.attempted += 1
    state.correct += outcome == "correct"
    while len(state.outcome) > MAX_OUTCOMES:
        state.outcome.pop(next(iter(state.outcome)))


def _next(lesson: str) -> None:
    state = st.session_state[STATE_KEY][lesson]
    state.index += 1
    state.verdict = None
    state.revealed.clear()   # there is no way back: only the exercise on screen needs it


def _label(ex: Exercise, code: str) -> Callable[[str], str]:
    """A choice's text: translated for concept options, as is for a network's name (bound to the language now)."""
    labels = dict(zip(ex.choices, ex.labels or ex.choices))
    return lambda cid: i18n.t(labels[cid], code) if labels[cid].startswith("exercises.") else labels[cid]


def _shown(ex: Exercise, value: Answer | None, code: str) -> str:
    return _label(ex, code)(value) if ex.answer_kind == "choice" else answer_text(ex, value)


def _verdict(ex: Exercise, verdict: Verdict, code: str) -> None:
    if verdict.correct:
        st.success(t("exercises.correct", answer=_shown(ex, verdict.given, code)), icon=":material/check_circle:")
        return
    hint = t(verdict.hint, **ex.text_values(verdict.fmt)) if verdict.hint else ""
    if verdict.status == "unparseable":
        st.info(hint, icon=":material/edit:")
        return
    text = t("exercises.wrong", given=_shown(ex, verdict.given, code)) + "\n\n" + hint
    if verdict.step is not None:
        step = ex.steps[verdict.step]
        text += " " + t("exercises.hint_step", n=verdict.step + 1, step=t(step.key, **ex.text_values(step.fmt)))
    st.warning(text, icon=":material/lightbulb:")


def _worked(ex: Exercise, code: str) -> None:
    st.markdown(t("exercises.answer", answer=_shown(ex, ex.answer, code)))
    st.markdown(f"**{t('exercises.steps_head')}**")
    for n, step in enumerate(ex.steps, start=1):
        st.markdown(t("exercises.step_line", n=n, step=t(step.key, **ex.text_values(step.fmt))))
        formula(step.formula)
    if ex.note:
        st.caption(t(ex.note, **ex.text_values()))


@st.fragment
def _block(lesson: str) -> None:
    code = lang()
    seed = current_seed()
    state = _state(lesson, seed)
    index = state.index
    ex = _exercise(lesson, seed, index)
    box = answer_key(lesson, seed, index)

    with st.container(border=True):
        st.subheader(t("exercises.title"), anchor="exercises")
        st.caption(t("exercises.intro"))
        st.markdown(f"**{t('exercises.number', i=index + 1)}** — {t(ex.prompt, **ex.text_values())}")
        if ex.format_key:
            st.caption(t(ex.format_key))
        with st.form(f"ex_form_{lesson}", border=False):
            if ex.answer_kind == "choice":
                st.radio(t("exercises.choose"), list(ex.choices), index=None, format_func=_label(ex, code), key=box,
                         horizontal=True)
            row = st.container(horizontal=True, vertical_alignment="bottom")   # the box and its two buttons
            if ex.answer_kind != "choice":
                row.text_input(t("exercises.your_answer"), key=box, width=320)
            checked = row.form_submit_button(t("exercises.check"), type="primary", key=f"ex_check_{lesson}")
            revealed = row.form_submit_button(t("exercises.reveal"), key=f"ex_reveal_{lesson}")
        if checked:
            verdict = check(ex, st.session_state.get(box))
            state.verdict = (index, verdict)
            if verdict.status != "unparseable":
                _score(state, index, "correct" if verdict.correct else "wrong")
        if revealed:
            state.revealed.add(index)
            _score(state, index, "revealed")
            if state.verdict is not None and state.verdict[1].status == "unparseable":
                state.verdict = None   # "write it like this" means nothing once the answer is shown
        if state.verdict is not None and state.verdict[0] == index:
            _verdict(ex, state.verdict[1], code)
        if index in state.revealed:
            if state.outcome.get(index) == "revealed":
                st.caption(t("exercises.after_reveal"))
            _worked(ex, code)
        row = st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute")
        if state.attempted:
            row.markdown(t("exercises.score", correct=state.correct, attempted=state.attempted), width="content")
        else:
            row.caption(t("exercises.score_none"), width="content")
        row.button(t("exercises.next"), key=f"ex_next_{lesson}", on_click=_next, args=(lesson,),
                   icon=":material/refresh:")
        st.caption(t("exercises.share", seed=seed))


def exercise_block(lesson: str) -> None:
    """The lesson's exercise block (lessons: ``cnnlab.exercises.LESSONS``). Call it once per page."""
    _block(lesson)
