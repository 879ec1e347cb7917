"""Lesson 5 — training lab: train a small CNN (a job of the job service), watch the curves grow, see its mistakes."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.data import DATASETS
from cnnlab.figures.training_lab import confusion_matrix_figure, misclassified_figure
from cnnlab.train import LAB_BATCH_SIZE, LAB_DEFAULT, LAB_MODELS, OPTIMIZERS
from cnnlab.training_lab import LabSettings
from cnnlab.ui import jobs as jui
from cnnlab.ui import training_lab as tui

ui.setup_page("training_lab.title")
t = ui.t

st.title(t("training_lab.title"))
st.markdown(t("training_lab.intro"))

LRS = [1e-4, 3e-4, 1e-3, 2e-3, 4e-3, 1e-2, 3e-2, 0.1, 1.0, 10.0]
models = list(LAB_MODELS) + (["custom"] if st.session_state.get(tui.CUSTOM_KEY) else [])

with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    model = ui.qp_select(t("training_lab.model"), models, LAB_MODELS[0], key="model",
                         format_func=ui.option_labels("training_lab.model_"), container=c1)
    dataset = ui.qp_select(t("training_lab.dataset"), list(DATASETS), "mnist10k", key="data",
                           format_func=ui.option_labels("training_lab.dataset_"), container=c1)
    optimizer = ui.qp_radio(t("training_lab.optimizer"), list(OPTIMIZERS), LAB_DEFAULT.optimizer, key="opt",
                            format_func=ui.option_labels("training_lab.opt_"), container=c2)
    lr = ui.qp_select(t("training_lab.lr"), LRS, LAB_DEFAULT.lr, key="lr", format_func=lambda v: f"{v:g}",
                      help=t("training_lab.lr_help"), container=c2)
    epochs = ui.qp_slider(t("training_lab.epochs"), 1, min(30, jui.limits().max_epochs or 30), LAB_DEFAULT.epochs,
                          key="epochs", container=c3)
    batch = ui.qp_select(t("training_lab.batch"), [16, 32, 64, 128, 256, 512], LAB_BATCH_SIZE, key="batch",
                         container=c3)
    cosine = ui.qp_toggle(t("training_lab.cosine"), LAB_DEFAULT.schedule == "cosine", key="cosine",
                          help=t("training_lab.cosine_help"), container=c4)
    augment = ui.qp_toggle(t("training_lab.augment"), False, key="aug", help=t("training_lab.augment_help"),
                           container=c4)
    c4.markdown(t("training_lab.device", device=jui.device()))
if "custom" not in models:
    st.caption(t("training_lab.custom_hint"))

subset = tui.quick_subset()
if subset:
    st.caption(t("training_lab.quick", n=subset))

settings = LabSettings(model=model, dataset=dataset, optimizer=optimizer, lr=float(lr), epochs=int(epochs),
                       batch_size=int(batch), cosine=bool(cosine), augment=bool(augment), subset=subset)

job = tui.recipe(settings)   # within the teacher's limits (a caption says when they apply)
b1, b2, _ = st.columns([1, 1, 5])
if b1.button(t("training_lab.start"), type="primary", key="train_start"):
    tui.start(settings, job)   # queued in the job service: the page never waits for the training
if b2.button(t("training_lab.stop"), key="train_stop"):
    tui.stop()                 # a queued job ends at once, a running one after its current step

st.subheader(t("training_lab.curves"))
if tui.panel():                # queue place or progress, live curves: polled until the job ends
    ui.exercise_block("training_lab")   # the page ends here while the job runs
    st.stop()
tui.outcome()                  # failed / lost / stopped by the teacher, in the page's language
run = tui.current_run()
if run is None:
    st.info(t("training_lab.no_run"))
    ui.exercise_block("training_lab")   # the page ends here until a run exists
    st.stop()

st.plotly_chart(tui.curves(run), width="stretch", key="train_curves")
if run.get("previous"):
    st.caption(t("training_lab.previous_caption"))
done_epochs = len(run["history"])
if run["status"] == "stopped":
    st.warning(t("training_lab.stopped", epochs=done_epochs))
acc = run["analysis"].acc
m1, m2, m3 = st.columns(3)
m1.metric(t("training_lab.acc_metric"), f"{acc:.2%}")
m2.metric(t("training_lab.time_metric"), f"{run.get('seconds', 0.0):.1f} s")
m3.metric(t("training_lab.speed_metric"), f"{run.get('images_per_second', 0.0):,.0f}")
st.markdown(t("training_lab.result", model=t(f"training_lab.model_{run['settings'].model}"), acc=f"{acc:.2%}",
              epochs=done_epochs,
              seconds=run.get("seconds", 0.0), device=run["device"], speed=run.get("images_per_second", 0.0)))
if run["history"]:
    last = run["history"][-1]
    gap = 100 * (last["train_acc"] - last["test_acc"])
    if gap > 2:
        st.info(t("training_lab.overfit", gap=gap))

left, right = st.columns([2, 3])
with left:
    st.subheader(t("training_lab.confusion"))
    st.plotly_chart(confusion_matrix_figure(run["analysis"].matrix, run["classes"], tui.curve_labels()),
                    width="stretch", key="train_confusion")
    st.caption(t("training_lab.confusion_caption"))
with right:
    st.subheader(t("training_lab.mistakes"))
    images, true, pred, total = tui.analysis(run)
    if total:
        st.plotly_chart(misclassified_figure(images, true, pred, run["classes"], tui.curve_labels(), columns=6),
                        width="stretch", key="train_mistakes")
        st.caption(t("training_lab.mistakes_caption", shown=len(true), total=total))
    else:
        st.success(t("training_lab.no_mistakes"))

st.success(t("training_lab.kept"))
l1, l2, _ = st.columns([1, 1, 3])
ui.page_link("pages/feature_maps.py", label=t("training_lab.feature_link"), icon=":material/layers:", container=l1)
ui.page_link("pages/attribution.py", label=t("training_lab.attribution_link"), icon=":material/visibility:",
             container=l2)

ui.exercise_block("training_lab")
