"""cnnlab — the classroom app. Run: ``streamlit run app.py``.

The map of the app: the pages of ``cnnlab.lessons`` grouped by lesson, in teaching order (and the teacher's page,
when a teacher password is configured).
Every page calls ``cnnlab.ui.setup_page`` itself, so it also runs standalone (AppTest from the page file).
"""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.lessons import HOME, navigation
from cnnlab.ui.teacher import enabled as teacher_enabled

st.set_page_config(page_title="cnnlab", page_icon=":material/calculate:", layout="wide")
t = ui.t

pages = {
    t(section.title): [
        st.Page(f"pages/{page.name}.py", title=t(page.title), icon=page.icon, url_path=page.name,
                default=(page.name == HOME))
        for page in section.pages
    ]
    for section in navigation(teacher=teacher_enabled())   # the teacher's page only when a password is set
}
st.navigation(pages, position="sidebar", expanded=True).run()
