"""cnnlab — the classroom app. Run: ``streamlit run app.py``.

The map of the app: the pages of ``cnnlab.lessons`` grouped by lesson, in teaching order.
Every page calls ``cnnlab.ui.setup_page`` itself, so it also runs standalone (AppTest from the page file).
"""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.lessons import HOME, SECTIONS

st.set_page_config(page_title="cnnlab", page_icon=":material/calculate:", layout="wide")
t = ui.t

pages = {
    t(f"lessons.section_{section.key}"): [
        st.Page(f"pages/{page.name}.py", title=t(f"lessons.page_{page.name}"), icon=page.icon, url_path=page.name,
                default=(page.name == HOME))
        for page in section.pages
    ]
    for section in SECTIONS
}
st.navigation(pages, position="sidebar", expanded=True).run()
