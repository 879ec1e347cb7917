"""The lessons and their pages in teaching order: the one list app.py's navigation and the home page show.

A page's name is its file (``pages/<name>.py``), its URL path (``/<name>``, stable so a teacher's link keeps
working) and its name in every layer of cnnlab (``cnnlab/<name>.py``, ``cnnlab/ui/<name>.py``,
``cnnlab/figures/<name>.py``, ``cnnlab/i18n/<name>.py`` with keys ``"<name>.…"``, ``tests/test_<name>.py``).
Titles: ``lessons.section_<key>`` and ``lessons.page_<name>`` in ``cnnlab/i18n/lessons.py``.

The teacher's page (``TEACHER``, titles in ``cnnlab/i18n/teacher.py``) is no lesson: app.py adds it to the
navigation only when a teacher password is configured (``navigation(teacher=True)``).
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Page", "Section", "SECTIONS", "TEACHER", "HOME", "navigation", "page_names"]


@dataclass(frozen=True)
class Page:
    name: str
    icon: str
    title_key: str = ""         # default ``lessons.page_<name>``

    @property
    def title(self) -> str:
        """The translation key of the page's title."""
        return self.title_key or f"lessons.page_{self.name}"


@dataclass(frozen=True)
class Section:
    key: str                    # "start", "lesson1" … "lesson5", "lab"
    pages: tuple[Page, ...]
    title_key: str = ""         # default ``lessons.section_<key>``

    @property
    def title(self) -> str:
        """The translation key of the section's title."""
        return self.title_key or f"lessons.section_{self.key}"


HOME = "home"
SECTIONS: tuple[Section, ...] = (
    Section("start", (Page(HOME, ":material/home:"),)),
    Section("lesson1", (Page("conv_arithmetic", ":material/calculate:"),)),
    Section("lesson2", (Page("architectures", ":material/account_balance:"),
                        Page("build_your_own", ":material/construction:"))),
    Section("lesson3", (Page("degradation", ":material/trending_down:"),)),
    Section("lesson4", (Page("one_by_one", ":material/extension:"),)),
    Section("lesson5", (Page("augmentation", ":material/flip:"), Page("training_lab", ":material/fitness_center:"))),
    Section("lab", (Page("feature_maps", ":material/biotech:"), Page("attribution", ":material/highlight:"))),
)


TEACHER = Section("teacher", (Page("teacher", ":material/school:", "teacher.title"),), "teacher.section")


def navigation(teacher: bool = False) -> tuple[Section, ...]:
    """The sidebar's sections: the lessons, and the teacher's page last when a password makes it available."""
    return SECTIONS + ((TEACHER,) if teacher else ())


def page_names(teacher: bool = False) -> list[str]:
    """Every page, in teaching order (home first); the teacher's page last when asked for."""
    return [page.name for section in navigation(teacher) for page in section.pages]
