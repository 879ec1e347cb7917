"""Strings of the plain-vs-residual (degradation) page (pages/degradation.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "degradation.title": {"en": "Plain vs residual: the degradation problem", "ko": "평형망 vs 잔여 신경망: 성능 "
                                                                                    "저하(degradation) 문제"},
    "degradation.intro": {
        "en": "Stacking more layers should never hurt *training*: a deeper network could copy the shallow one and "
              "make its extra layers identity maps. Yet plain deep networks train **worse** than shallow ones — the "
              "ResNet paper calls this *degradation*. Below, plain networks and their residual twins (the same layers "
              "plus skip connections) are trained at several depths on the same data, the same way.",
        "ko": "층을 더 쌓는다고 *훈련* 성능이 나빠질 이유는 없어 보입니다. 깊은 신경망은 얕은 신경망을 그대로 흉내 내고 남는 층을 항등 함수로 두면 되기 때문입니다. 그런데 실제로는 "
              "깊은 평형망이 얕은 평형망보다 **더 못** 훈련됩니다. ResNet 논문은 이를 *성능 저하*(degradation)라고 부릅니다. 아래에서는 평형망과 그 쌍둥이 잔여 "
              "신경망(같은 층에 스킵 연결만 더한 신경망)을 여러 깊이로, 같은 데이터와 같은 방법으로 훈련시킵니다.",
    },
    "degradation.preset": {"en": "Experiment", "ko": "실험"},
    "degradation.preset_classroom": {"en": "Classroom (bundled digits, 16×16, depths 8/20/44)",
                             "ko": "수업용 (내장 숫자 이미지, 16×16, 깊이 8/20/44)"},
    "degradation.preset_full": {"en": "Full (CIFAR-10, depths 20/32/44/56 — GPU)",
                        "ko": "전체 (CIFAR-10, 깊이 20/32/44/56 — GPU)"},
    "degradation.show_test": {"en": "Also show test error (dotted)", "ko": "테스트 오류도 표시 (점선)"},
    "degradation.curves_head": {"en": "Training error per epoch", "ko": "에포크별 훈련 오류"},
    "degradation.precomputed": {
        "en": "Precomputed on {device} in {seconds:.0f} s ({epochs} epochs of {images} images, batch {batch}, "
              "{optimizer} lr {lr}). Press **Re-run live** to train them again here.",
        "ko": "{device}에서 미리 계산한 결과입니다({seconds:.0f}초, 이미지 {images}장으로 {epochs} 에포크, 배치 {batch}, {optimizer} 학습률 "
              "{lr}). **다시 훈련**을 누르면 여기서 직접 다시 훈련합니다.",
    },
    "degradation.live_result": {"en": "Trained live on {device} in {seconds:.0f} s.",
                        "ko": "{device}에서 방금 훈련한 결과입니다({seconds:.0f}초)."},
    "degradation.no_results": {"en": "No precomputed results for this experiment yet — press **Re-run live**.",
                       "ko": "이 실험은 아직 미리 계산한 결과가 없습니다. **다시 훈련**을 눌러 주세요."},
    "degradation.rerun": {"en": "Re-run live", "ko": "다시 훈련"},
    "degradation.stop": {"en": "Stop", "ko": "중지"},
    "degradation.full_cpu": {
        "en": "The full preset trains 8 networks on 50,000 CIFAR-10 images: minutes on a GPU, hours on a CPU.",
        "ko": "전체 실험은 CIFAR-10 이미지 50,000장으로 신경망 8개를 훈련합니다. GPU에서는 몇 분, CPU에서는 몇 시간이 걸립니다.",
    },
    "degradation.device": {"en": "Device: **{device}**", "ko": "장치: **{device}**"},
    "degradation.progress": {"en": "{run} — epoch {epoch} · {percent}% · about {left} s left",
                     "ko": "{run} — 에포크 {epoch} · {percent}% · 약 {left}초 남음"},
    "degradation.progress_start": {"en": "Preparing the data …", "ko": "데이터를 준비하는 중…"},
    "degradation.stopped": {"en": "Stopped — the finished runs are shown.", "ko": "중지했습니다. 끝난 훈련만 표시합니다."},
    "degradation.run_plain": {"en": "plain {depth}", "ko": "평형망 {depth}층"},
    "degradation.run_residual": {"en": "residual {depth}", "ko": "잔여 신경망 {depth}층"},
    "degradation.err_title": {"en": "This experiment cannot run here", "ko": "여기서는 이 실험을 실행할 수 없습니다"},
    "degradation.fig_plain": {"en": "Plain networks", "ko": "평형망"},
    "degradation.fig_residual": {"en": "Residual networks (ResNet)", "ko": "잔여 신경망 (ResNet)"},
    "degradation.fig_epoch": {"en": "epoch", "ko": "에포크"},
    "degradation.fig_error": {"en": "training error (%)", "ko": "훈련 오류 (%)"},
    "degradation.fig_layers": {"en": "{depth} layers", "ko": "{depth}층"},
    "degradation.fig_train": {"en": "train", "ko": "훈련"},
    "degradation.fig_test": {"en": "test", "ko": "테스트"},
    "degradation.table_depth": {"en": "Depth", "ko": "깊이"},
    "degradation.table_plain": {"en": "Plain: final training error", "ko": "평형망: 최종 훈련 오류"},
    "degradation.table_residual": {"en": "Residual: final training error", "ko": "잔여 신경망: 최종 훈련 오류"},
    "degradation.effect_shown": {
        "en": "The deepest plain net ends with **{ratio:.1f}×** the training error of the shallowest one, while the "
              "deepest residual net ends at {res_deep:.1%} against {res_shallow:.1%} for the shallowest: depth hurts "
              "only without the skip connections.",
        "ko": "가장 깊은 평형망의 최종 훈련 오류는 가장 얕은 평형망의 **{ratio:.1f}배**입니다. 반면 가장 깊은 잔여 신경망은 {res_deep:.1%로}, 가장 얕은 잔여 "
              "신경망({res_shallow:.1%})보다 나쁘지 않습니다. 깊이가 해가 되는 것은 스킵 연결이 없을 때뿐입니다.",
    },
    "degradation.effect_weak": {
        "en": "This run shows the effect only weakly (plain deep/shallow ratio {ratio:.1f}×) — short trainings vary; "
              "run it again or train longer.",
        "ko": "이번 훈련에서는 효과가 약하게 나타났습니다(깊은 평형망과 얕은 평형망의 오류 비 {ratio:.1f}배). 짧은 훈련은 결과가 흔들립니다. 다시 실행하거나 더 오래 훈련해 "
              "보세요.",
    },
    "degradation.why": {
        "en": "**Why is it not overfitting?** Overfitting means low *training* error and high test error. Here the deep "
              "plain net has the *higher training* error: it is harder to optimise, not too flexible. A residual "
              "block learns F(x) and outputs F(x) + x, so doing nothing (F = 0) is easy, and extra layers cannot make "
              "the network worse than its shallower part.",
        "ko": "**왜 과적합이 아닐까요?** 과적합은 *훈련* 오류가 낮고 테스트 오류가 높은 경우입니다. 여기서는 깊은 평형망의 *훈련* 오류 자체가 더 높습니다. 너무 유연해서가 아니라 "
              "최적화가 어려운 것입니다. 잔여 블록은 F(x)를 학습해 F(x) + x를 출력하므로 아무것도 하지 않는 것(F = 0)이 쉽고, 층을 더해도 얕은 부분보다 나빠지지 않습니다.",
    },
    "degradation.grad_head": {"en": "Gradients layer by layer", "ko": "층별 경사"},
    "degradation.grad_intro": {
        "en": "How large is ‖∂loss/∂W‖ for each layer's weights, from the input side (left) to the output (right)? "
              "Computed on one batch of 128 digits.",
        "ko": "입력 쪽(왼쪽)부터 출력 쪽(오른쪽)까지, 각 층 가중치의 경사 크기 ‖∂loss/∂W‖는 얼마일까요? 숫자 이미지 128장 한 배치로 계산했습니다.",
    },
    "degradation.grad_act_title": {"en": "Sigmoid vs ReLU: {depth}-layer fully connected net, no BatchNorm, at initialisation",
                           "ko": "시그모이드 vs ReLU: {depth}층 완전 연결 신경망, 배치 정규화 없음, 초기화 직후"},
    "degradation.grad_act_text": {
        "en": "**Vanishing gradients.** The sigmoid's slope is at most 0.25, so the gradient shrinks by that factor "
              "(or more) at every layer on its way back: the first layers of the sigmoid net get gradients about "
              "{factor} times smaller than the ReLU net's and barely learn. ReLU's slope is 1 wherever it is active.",
        "ko": "**경사 소실**(vanishing gradient). 시그모이드의 기울기는 최대 0.25이므로, 역전파 때 층을 하나 지날 때마다 경사가 그만큼(또는 더) 줄어듭니다. 그래서 "
              "시그모이드 신경망의 앞쪽 층은 ReLU 신경망보다 약 {factor}배 작은 경사를 받아 거의 학습되지 않습니다. ReLU는 활성화된 곳에서 기울기가 1입니다.",
    },
    "degradation.grad_res_title": {"en": "Plain vs residual, {depth} layers with BatchNorm",
                           "ko": "평형망 vs 잔여 신경망, 배치 정규화를 쓴 {depth}층"},
    "degradation.grad_when": {"en": "When", "ko": "시점"},
    "degradation.grad_init": {"en": "at initialisation", "ko": "초기화 직후"},
    "degradation.grad_trained": {"en": "after {steps} training steps", "ko": "훈련 {steps} 스텝 뒤"},
    "degradation.grad_res_text": {
        "en": "**Degradation is not vanishing gradients.** With BatchNorm, the plain net's gradients do not vanish — "
              "they even grow towards the input — just as the ResNet paper reports. The plain net still trains worse: "
              "its problem is optimisation. The skip connections keep every layer's gradient at a steady size, "
              "because the identity path carries the signal back unchanged.",
        "ko": "**성능 저하는 경사 소실이 아닙니다.** 배치 정규화를 쓰면 평형망의 경사는 사라지지 않고, 오히려 입력 쪽으로 갈수록 커집니다. ResNet 논문이 보고한 그대로입니다. "
              "그래도 평형망은 더 못 훈련됩니다. 문제는 최적화입니다. 스킵 연결의 항등 경로는 신호를 그대로 되돌려 보내므로 모든 층의 경사 크기가 고르게 유지됩니다.",
    },
    "degradation.grad_plain": {"en": "plain", "ko": "평형망"},
    "degradation.grad_residual": {"en": "residual", "ko": "잔여 신경망"},
    "degradation.grad_sigmoid": {"en": "sigmoid", "ko": "시그모이드"},
    "degradation.grad_relu": {"en": "ReLU", "ko": "ReLU"},
    "degradation.grad_layer": {"en": "weight layer (input side → output side)", "ko": "가중치 층 (입력 쪽 → 출력 쪽)"},
    "degradation.grad_norm": {"en": "‖∂loss/∂W‖ (log scale)", "ko": "‖∂loss/∂W‖ (로그 스케일)"},
    "degradation.training_error_note": {
        "en": "Training error = 1 − the accuracy on the training images *while* the net learned on them during "
              "the epoch (as in the paper's curves).",
        "ko": "훈련 오류 = 1 − 그 에포크 동안 학습하면서 맞힌 훈련 이미지의 비율(논문의 곡선과 같은 방식).",
    },
}
