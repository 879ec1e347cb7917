"""cnnlab — the classroom app. Run: ``streamlit run app.py``.

The single map of the app: pages grouped by lesson, in teaching order (see pages/home.py).
Every page calls ``cnnlab.ui.setup_page`` itself, so it also runs standalone (AppTest from the page file).
"""
from __future__ import annotations

import streamlit as st

from cnnlab import ui

st.set_page_config(page_title="cnnlab", page_icon=":material/calculate:", layout="wide")
t = ui.t

# (section key, [(file, url path, icon)]) — url paths are stable so that a teacher's link keeps working.
LESSONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("nav.start", [("home", "home", ":material/home:")]),
    ("nav.lesson1", [("conv_arithmetic", "conv_arithmetic", ":material/calculate:")]),
    ("nav.lesson2", [("architectures", "architectures", ":material/account_balance:"), ("build_your_own", "build_your_own", ":material/construction:")]),
    ("nav.lesson3", [("degradation", "degradation", ":material/trending_down:")]),
    ("nav.lesson4", [("one_by_one", "one_by_one", ":material/extension:")]),
    ("nav.lesson5", [("augmentation", "augmentation", ":material/flip:"), ("training_lab", "training_lab", ":material/fitness_center:")]),
    ("nav.lab", [("feature_maps", "feature_maps", ":material/biotech:"), ("attribution", "attribution", ":material/highlight:")]),
]

pages = {
    t(section): [
        st.Page(f"pages/{name}.py", title=t(f"page.{name}"), icon=icon, url_path=url, default=(name == "home"))
        for name, url, icon in entries
    ]
    for section, entries in LESSONS
}
st.navigation(pages, position="sidebar", expanded=True).run()
