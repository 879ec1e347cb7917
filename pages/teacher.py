"""The teacher's desk: who is in class, the job queue, the server's load, cancel any job, limits for students.

Only in the navigation when a teacher password is configured; opened otherwise (by its file), it says how to
turn it on and shows nothing else. Every number comes from cnnlab.ui.teacher (the job service, cnnlab.teacher).
"""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.ui import jobs as jui
from cnnlab.ui import teacher as tui

ui.setup_page("teacher.title")
t = ui.t

st.title(t("teacher.title"))
if not tui.enabled():
    st.warning(t("teacher.not_configured"))
    st.stop()

if not tui.signed_in():
    given = st.text_input(t("teacher.password"), type="password", key="teacher_password")
    if st.button(t("teacher.sign_in"), type="primary", key="teacher_sign_in"):
        wait = tui.locked_for()
        if wait > 0:
            st.error(t("teacher.locked", seconds=f"{wait:.0f}"))
        elif tui.sign_in(given):
            st.rerun()
        else:
            st.error(t("teacher.wrong"))
    st.stop()

st.markdown(t("teacher.intro"))
if st.button(t("teacher.sign_out"), key="teacher_sign_out"):
    tui.sign_out()
    st.rerun()
service = jui.service()


@st.fragment(run_every=3.0)
def live() -> None:
    """The class, its jobs and the server's load, refreshed every 3 s."""
    sessions, jobs = tui.session_rows(), tui.job_rows()
    running, queued = tui.job_counts()
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("teacher.sessions_metric"), len(sessions))
    m2.metric(t("teacher.running_metric"), running)
    m3.metric(t("teacher.queued_metric"), queued)
    m4.metric(t("teacher.slots_metric"), f"{running} / {service.capacity}")
    st.caption(t("teacher.device", device=service.backend.device, capacity=service.capacity,
                 threads=service.backend.threads))

    st.subheader(t("teacher.system_head"))
    s = tui.stats()
    gb = tui.gigabytes
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("teacher.cpu", cores=s.cores), t("teacher.unknown") if s.cpu_percent is None else f"{s.cpu_percent:.0f} %",
              help=None if s.load is None else t("teacher.load", load=s.load))
    c2.metric(t("teacher.memory"), gb(s.memory_used, s.memory_total))
    c3.metric(t("teacher.app_memory"), gb(s.app_rss))
    c4.metric(t("teacher.workers_memory", n=s.workers), gb(s.workers_rss))
    for gpu in s.gpus:
        st.metric(t("teacher.gpu", index=gpu.index, name=gpu.name), gb(gpu.used_bytes, gpu.total_bytes))
    if not s.gpus:
        st.caption(t("teacher.no_gpu"))

    st.subheader(t("teacher.sessions_head"))
    if sessions:
        st.dataframe(sessions, hide_index=True, width="stretch")
    else:
        st.info(t("teacher.no_sessions"))
    st.subheader(t("teacher.jobs_head"))
    if jobs:
        st.dataframe(jobs, hide_index=True, width="stretch")
    else:
        st.info(t("teacher.no_jobs"))

    st.subheader(t("teacher.cancel_head"))   # here, so the list is as fresh as the table above
    cancelled = tui.just_cancelled()
    if cancelled:
        st.success(t("teacher.cancelled", job=cancelled))
    active = tui.active_jobs()
    if active:
        st.selectbox(t("teacher.cancel_pick"), list(active), format_func=active.get, key=tui.PICK_KEY)
        st.button(t("teacher.cancel_button"), key="teacher_cancel", on_click=tui.cancel_picked, args=(active,))
    else:
        st.info(t("teacher.nothing_to_cancel"))


live()

st.subheader(t("teacher.limits_head"))
limits, ceiling = service.limits, tui.upload_ceiling()
with st.form("teacher_limits"):
    l1, l2, l3 = st.columns(3)
    slots = max(1, service.backend.capacity)
    max_running = l1.number_input(t("teacher.max_running"), 1, slots, min(slots, limits.max_running or slots),
                                  help=t("teacher.max_running_help", slots=slots), key="teacher_max_running")
    per_student = l1.number_input(t("teacher.per_student"), 1, 5, limits.jobs_per_owner, key="teacher_per_student")
    max_epochs = l2.number_input(t("teacher.max_epochs"), 0, 1000, limits.max_epochs or 0, key="teacher_max_epochs")
    max_subset = l2.number_input(t("teacher.max_subset"), 0, 1_000_000, limits.max_subset or 0, step=500,
                                 key="teacher_max_subset")
    upload_mb = l3.number_input(t("teacher.upload_mb"), 1, ceiling, min(ceiling, jui.classroom().upload_mb),
                                help=t("teacher.upload_help", mb=ceiling), key="teacher_upload_mb")
    if st.form_submit_button(t("teacher.apply"), type="primary"):
        tui.apply_limits(int(max_running), int(per_student), int(max_epochs), int(max_subset), int(upload_mb))
        st.success(t("teacher.applied"))
