"""Home: what each lesson teaches and in what order, with links to its pages."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.lessons import SECTIONS

ui.setup_page("lessons.page_home")
t = ui.t

st.title(t("home.title"))
st.markdown(t("home.intro"))
st.subheader(t("home.order"))

for section in SECTIONS[1:]:  # every lesson after "start"
    with st.container(border=True):
        text, links = st.columns([3, 1.2])
        text.markdown(f"**{t(f'home.{section.key}')}**  \n{t(f'home.{section.key}_text')}")
        for page in section.pages:
            ui.page_link(f"pages/{page.name}.py", label=t(f"lessons.page_{page.name}"), icon=page.icon,
                         container=links)

st.subheader(t("home.conventions_head"))
st.markdown(t("common.conventions"))
