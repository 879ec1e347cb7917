"""Placeholder until the page's owner writes it (title only)."""
import streamlit as st

from cnnlab import ui

ui.setup_page("page.attribution")
st.title(ui.t("page.attribution"))
st.info(ui.t("common.placeholder"))
