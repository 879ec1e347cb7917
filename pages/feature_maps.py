"""Placeholder until the page's owner writes it (title only)."""
import streamlit as st

from cnnlab import ui

ui.setup_page("page.feature_maps")
st.title(ui.t("page.feature_maps"))
st.info(ui.t("common.placeholder"))
