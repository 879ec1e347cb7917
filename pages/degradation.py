"""Plain vs residual: deeper plain nets train worse (degradation); residual twins do not; gradients layer by layer."""
from __future__ import annotations

import streamlit as st

from cnnlab import degradation as deg
from cnnlab import ui
from cnnlab.figures.degradation import gradient_norms_figure, times_text
from cnnlab.ui import degradation as dui
from cnnlab.ui import jobs as jui

ui.setup_page("degradation.title")
t = ui.t

st.title(t("degradation.title"))
st.markdown(t("degradation.intro"))

c1, c2 = st.columns([3, 2])
name = ui.qp_radio(t("degradation.preset"), list(deg.PRESETS), "classroom", key="preset",
                   format_func=ui.option_labels("degradation.preset_"), container=c1)
show_test = ui.qp_toggle(t("degradation.show_test"), False, key="test", container=c2)
device = jui.device()
c2.markdown(t("degradation.device", device=device))

# ---------------------------------------------------------------- training error curves (paper Fig. 1 / 6)
st.subheader(t("degradation.curves_head"))
job = dui.recipe(name)   # within the teacher's limits (a caption says when they apply)
b1, b2, _ = st.columns([1, 1, 4])
if b1.button(t("degradation.rerun"), type="primary", key="deg_rerun"):
    dui.start(name, job)   # a job of the job service: the page never waits for the training
if b2.button(t("degradation.stop"), key="deg_stop"):
    dui.stop()        # keeps every epoch trained so far
if name == "full" and device == "cpu":
    st.caption(t("degradation.full_cpu"))

running = dui.panel(show_test)   # queue place or progress, growing curves: polled until the re-run ends
ended = None if running else dui.outcome()
result, source = (None, "none") if running else dui.current_result(name)

if result:
    st.plotly_chart(dui.curves(result, show_test), width="stretch", key="deg_curves")
    settings = dui.settings_of(result)
    if result.get("partial"):
        st.warning(t("degradation.stopped"))
    if source == "precomputed":
        st.caption(t("degradation.precomputed", device=result["device"], seconds=result["seconds"],
                     epochs=settings.get("epochs", "?"), images=settings.get("subset") or 8000,
                     batch=settings.get("batch_size", "?"), lr=settings.get("lr", "?"),
                     optimizer={"sgd": "SGD"}.get(settings.get("optimizer"), "Adam")))
    else:
        st.caption(t("degradation.live_result", device=result["device"], seconds=result["seconds"]))
    st.caption(t("degradation.training_error_note"))

    depths, final = deg.final_runs(result)

    def _final(depth: int, residual: bool) -> str:
        run = final.get((depth, residual))
        return "—" if run is None else f"{run['train_error'][-1]:.1%}"

    st.dataframe({t("degradation.table_depth"): depths,
                  t("degradation.table_plain"): [_final(d, False) for d in depths],
                  t("degradation.table_residual"): [_final(d, True) for d in depths]}, hide_index=True)
    try:
        eff = deg.effect(result)
    except deg.DegradationError:   # a stopped run may lack the deepest nets: nothing to compare yet
        eff = None
    if eff is not None and len(depths) > 1:
        key = "degradation.effect_shown" if eff.shown else "degradation.effect_weak"
        st.info(t(key, ratio=eff.plain_ratio, res_deep=eff.residual_deep, res_shallow=eff.residual_shallow,
                  trend=t(f"degradation.trend_{deg.residual_trend(eff)}") if eff.shown else ""))
    st.markdown(t("degradation.why"))
elif not running and not (ended and ended["state"] in ("failed", "lost")):
    st.info(t("degradation.no_results"))

# ---------------------------------------------------------------- the identity argument, and its limits
st.subheader(t("degradation.identity_head"))
st.markdown(t("degradation.identity"))
ui.formula("a[l+2] = g(z[l+2] + a[l])          g = ReLU\n"
           "W[l+2] → 0, b[l+2] → 0   ⇒   z[l+2] = 0\n"
           "a[l+2] = g(a[l]) = a[l]            a[l] ≥ 0")
st.caption(t("degradation.identity_bn"))
paper = deg.PAPER_RESNET_TEST_ERROR
st.markdown(t("degradation.identity_limits", deep=1202, best=110, deep_err=paper[1202], best_err=paper[110]))

# ---------------------------------------------------------------- the paper's CIFAR-10 figures beside this run
st.subheader(t("degradation.paper_head"))
st.markdown(t("degradation.paper_plain"))
errors, setup = dui.paper_tables(name)
p1, _ = st.columns([1, 2])
p1.markdown(t("degradation.paper_resnet"))
p1.dataframe(errors, hide_index=True)
st.markdown(t("degradation.differs"))
st.table(setup, hide_index=True)   # a table wraps its long cells (a dataframe would cut them)
st.caption(t("degradation.paper_schedule"))

# ---------------------------------------------------------------- gradients layer by layer
st.subheader(t("degradation.grad_head"))
st.markdown(t("degradation.grad_intro"))
grads = dui.gradient_data()

acts = grads["activations"]
factor = acts["relu"][0] / max(acts["sigmoid"][0], 1e-30)
st.plotly_chart(gradient_norms_figure(
    acts, {"sigmoid": t("degradation.grad_sigmoid"), "relu": t("degradation.grad_relu")},
    dui.grad_labels(t("degradation.grad_act_title", depth=grads["stack_depth"]))), width="stretch")
st.markdown(t("degradation.grad_act_text", factor=times_text(factor)))

when_labels = {"init": t("degradation.grad_init"),
               "trained": t("degradation.grad_trained", steps=grads["trained_steps"])}
when = ui.qp_radio(t("degradation.grad_when"), list(when_labels), "init", key="when", format_func=when_labels.get)
st.plotly_chart(gradient_norms_figure(
    grads[when], {"plain": t("degradation.grad_plain"), "residual": t("degradation.grad_residual")},
    dui.grad_labels(t("degradation.grad_res_title", depth=grads["depth"]))), width="stretch")
ratio = deg.input_gradient_ratio(grads[when]["plain"])
st.markdown(t("degradation.grad_res_grow" if ratio >= 1 else "degradation.grad_res_shrink",
              ratio=times_text(ratio) if ratio >= 1 else f"{ratio:.2f}"))

ui.exercise_block("degradation")
