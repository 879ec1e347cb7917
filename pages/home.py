"""Home: what each lesson teaches and in what order, with links to its pages."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui

ui.setup_page("page.home")
t = ui.t

st.title(t("home.title"))
st.markdown(t("home.intro"))
st.subheader(t("home.order"))

# (lesson key, pages with their icons) — the same grouping as app.py's navigation.
LESSONS = [
    ("home.l1", [("conv_arithmetic", ":material/calculate:")]),
    ("home.l2", [("architectures", ":material/account_balance:"), ("build_your_own", ":material/construction:")]),
    ("home.l3", [("degradation", ":material/trending_down:")]),
    ("home.l4", [("one_by_one", ":material/extension:")]),
    ("home.l5", [("augmentation", ":material/flip:"), ("training_lab", ":material/fitness_center:")]),
    ("home.lab", [("feature_maps", ":material/biotech:"), ("attribution", ":material/highlight:")]),
]

for key, pages in LESSONS:
    with st.container(border=True):
        text, links = st.columns([3, 1.2])
        text.markdown(f"**{t(key)}**  \n{t(key + '_text')}")
        for name, icon in pages:
            ui.page_link(f"pages/{name}.py", label=t(f"page.{name}"), icon=icon, container=links)

st.subheader(t("home.conventions_head"))
st.markdown(t("common.conventions"))
