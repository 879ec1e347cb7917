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
        "en": "The deepest plain net ends with **{ratio:.1f}×** the training error of the shallowest one. The "
              "deepest residual net ends at {res_deep:.1%} against {res_shallow:.1%} for the shallowest: {trend}",
        "ko": "가장 깊은 평형망의 최종 훈련 오류는 가장 얕은 평형망의 **{ratio:.1f}배**입니다. 가장 깊은 잔여 신경망의 최종 훈련 오류는 "
              "{res_deep:.1%}, 가장 얕은 잔여 신경망은 {res_shallow:.1%}입니다. {trend}",
    },
    "degradation.trend_lower": {
        "en": "lower. In this run depth hurt only the nets without skip connections.",
        "ko": "더 깊은 쪽이 더 낮습니다. 이번 훈련에서 깊이가 해가 된 것은 스킵 연결이 없는 신경망뿐입니다.",
    },
    "degradation.trend_level": {
        "en": "higher, but by less than one point, while the plain nets' error multiplied.",
        "ko": "더 깊은 쪽이 조금 높지만 차이는 1%포인트도 안 됩니다. 평형망의 오류는 몇 배로 늘었습니다.",
    },
    "degradation.effect_weak": {
        "en": "This run shows the effect only weakly (plain deep/shallow ratio {ratio:.1f}×) — short trainings vary; "
              "run it again or train longer.",
        "ko": "이번 훈련에서는 효과가 약하게 나타났습니다(깊은 평형망과 얕은 평형망의 오류 비 {ratio:.1f}배). 짧은 훈련은 결과가 흔들립니다. 다시 실행하거나 더 오래 훈련해 "
              "보세요.",
    },
    "degradation.why": {
        "en": "**Why is it not overfitting?** Overfitting means low *training* error and high test error. Here the deep "
              "plain net has the *higher training* error: it is harder to optimise, not too flexible.",
        "ko": "**왜 과적합이 아닐까요?** 과적합은 *훈련* 오류가 낮고 테스트 오류가 높은 경우입니다. 여기서는 깊은 평형망의 *훈련* 오류 자체가 더 높습니다. 너무 유연해서가 아니라 "
              "최적화가 어려운 것입니다.",
    },
    "degradation.identity_head": {"en": "Why a residual block can easily do nothing",
                                  "ko": "잔여 블록이 쉽게 아무 일도 하지 않을 수 있는 이유"},
    "degradation.identity": {
        "en": "A residual block adds its input a[l] to the second linear step z[l+2] and *then* applies the ReLU g: "
              "it outputs ReLU(F(x) + x), not F(x) + x. If training drives the block's weights (and biases) to zero, "
              "z[l+2] = 0 and the block passes its input on unchanged, because a[l] came out of a ReLU and is "
              "already ≥ 0, where g changes nothing:",
        "ko": "잔여 블록은 두 번째 선형 단계의 z[l+2]에 입력 a[l]을 더한 *다음에* ReLU g를 적용합니다. 즉 출력은 F(x) + x가 아니라 "
              "ReLU(F(x) + x)입니다. 훈련으로 블록의 가중치와 편향이 0이 되면 z[l+2] = 0이 되고, 블록은 입력을 그대로 내보냅니다. a[l]은 "
              "ReLU를 지나온 값이라 이미 0 이상이고, 0 이상인 값은 g를 지나도 바뀌지 않기 때문입니다:",
    },
    "degradation.identity_bn": {
        "en": "In this page's nets z[l+2] comes out of a batch normalization; its scale γ and shift β going to zero "
              "gives z[l+2] = 0 in the same way.",
        "ko": "이 페이지의 신경망에서는 z[l+2]가 배치 정규화를 거쳐 나옵니다. 배치 정규화의 배율 γ와 이동 β가 0이 되어도 똑같이 z[l+2] = 0입니다.",
    },
    "degradation.identity_limits": {
        "en": "So an extra block finds it *easy* to do no harm, which is why deep residual nets train well. It is no "
              "guarantee that more layers never make a network worse: in the paper ResNet-{deep} trains about as "
              "well as ResNet-{best} but has the higher test error, {deep_err} % against {best_err} % on CIFAR-10 "
              "(the authors suspect overfitting).",
        "ko": "그래서 블록을 더해도 해를 끼치지 않기가 *쉽고*, 깊은 잔여 신경망이 잘 훈련됩니다. 하지만 층을 더하면 절대 나빠지지 않는다는 보장은 아닙니다. 논문에서 "
              "ResNet-{deep:은/는} ResNet-{best:와/과} 비슷하게 훈련되지만, CIFAR-10 테스트 오류는 {deep_err}%로 ResNet-{best}의 {best_err}%보다 "
              "높습니다(저자들은 과적합을 원인으로 봅니다).",
    },
    "degradation.paper_head": {"en": "The paper's CIFAR-10 results beside this experiment",
                               "ko": "논문의 CIFAR-10 결과와 이 실험 비교"},
    "degradation.paper_plain": {
        "en": "**Plain nets** (He et al. 2015, Fig. 6 left; given as curves, not in a table): the 56-layer plain net "
              "has a higher training error *and* a higher test error than the 20-layer one throughout training.",
        "ko": "**평형망** (He 외 2015, 그림 6 왼쪽; 표가 아니라 곡선으로만 나옵니다): 훈련 내내 56층 평형망의 훈련 오류와 테스트 오류가 모두 "
              "20층 평형망보다 높습니다.",
    },
    "degradation.paper_resnet": {
        "en": "**Residual nets** (Table 6, test error): deeper is better up to 110 layers; 1202 layers is worse again.",
        "ko": "**잔여 신경망** (표 6, 테스트 오류): 110층까지는 깊을수록 좋아지고, 1202층에서는 다시 나빠집니다.",
    },
    "degradation.paper_depth": {"en": "ResNet depth", "ko": "ResNet 깊이"},
    "degradation.paper_test_error": {"en": "test error (%)", "ko": "테스트 오류 (%)"},
    "degradation.differs": {
        "en": "Where this experiment differs from the paper's (so its numbers are not the paper's; the shape of the "
              "result is what to compare):",
        "ko": "이 실험이 논문의 실험과 다른 점입니다(그래서 수치는 논문과 다르고, 비교할 것은 결과의 모양입니다):",
    },
    "degradation.col_setting": {"en": "setting", "ko": "항목"},
    "degradation.col_paper": {"en": "paper (CIFAR-10)", "ko": "논문 (CIFAR-10)"},
    "degradation.col_preset": {"en": "this experiment", "ko": "이 실험"},
    "degradation.row_dataset": {"en": "data", "ko": "데이터"},
    "degradation.row_shape": {"en": "one image (C×H×W)", "ko": "이미지 한 장 (C×H×W)"},
    "degradation.row_depths": {"en": "depths", "ko": "깊이"},
    "degradation.row_widths": {"en": "channels per stage", "ko": "단계별 채널 수"},
    "degradation.row_training": {"en": "training", "ko": "훈련"},
    "degradation.row_augment": {"en": "data augmentation", "ko": "데이터 증강"},
    "degradation.ds_cifar10": {"en": "CIFAR-10, {images} training images", "ko": "CIFAR-10, 훈련 이미지 {images}장"},
    "degradation.ds_mnist10k": {"en": "MNIST digits (bundled), {images} training images",
                                "ko": "MNIST 손글씨 숫자 (내장), 훈련 이미지 {images}장"},
    "degradation.depths_paper": {"en": "plain {plain}; ResNet {resnet}", "ko": "평형망 {plain}; ResNet {resnet}"},
    "degradation.depths_preset": {"en": "{depths}, plain and residual alike", "ko": "{depths}, 평형망과 잔여 신경망 모두"},
    "degradation.training_value": {
        "en": "{steps} steps of {batch} images (≈ {epochs} epochs), {optimizer}, learning rate {lr}",
        "ko": "이미지 {batch}장 배치로 {steps} 스텝 (약 {epochs} 에포크), {optimizer}, 학습률 {lr}",
    },
    "degradation.augment_paper": {"en": "4-pixel padding, random 32×32 crops, mirroring",
                                  "ko": "4픽셀 패딩, 무작위 32×32 자르기, 좌우 반전"},
    "degradation.augment_none": {"en": "none", "ko": "없음"},
    "degradation.paper_schedule": {
        "en": "The paper divides the learning rate by 10 after 32,000 and 48,000 steps; both presets keep it constant.",
        "ko": "논문은 32,000 스텝과 48,000 스텝 뒤에 학습률을 10으로 나눕니다. 두 실험 설정은 학습률을 바꾸지 않습니다.",
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
              "{factor} times smaller than the ReLU net's and barely learn. ReLU's slope is 1 wherever it is active, "
              "which is why ReLU nets train faster: in the AlexNet paper a 4-layer CNN with ReLUs reached 25 % "
              "training error on CIFAR-10 six times sooner than the same net with tanh. The price is *dead units*: "
              "a ReLU whose input is negative for every image outputs 0 there, gets a zero gradient and stops "
              "learning.",
        "ko": "**경사 소실**(vanishing gradient). 시그모이드의 기울기는 최대 0.25이므로, 역전파 때 층을 하나 지날 때마다 경사가 그만큼(또는 더) 줄어듭니다. 그래서 "
              "시그모이드 신경망의 앞쪽 층은 ReLU 신경망보다 약 {factor}배 작은 경사를 받아 거의 학습되지 않습니다. ReLU는 활성화된 곳에서 기울기가 1이어서 "
              "ReLU 신경망이 더 빨리 훈련됩니다. AlexNet 논문에서 ReLU를 쓴 4층 CNN은 CIFAR-10에서 훈련 오류 25 %에 tanh를 쓴 같은 신경망보다 6배 "
              "빨리 도달했습니다. 대가는 *죽은 뉴런*입니다. 모든 이미지에서 입력이 음수인 ReLU는 늘 0을 출력하고 경사도 0이라 더는 학습되지 않습니다.",
    },
    "degradation.grad_res_title": {"en": "Plain vs residual, {depth} layers with BatchNorm",
                           "ko": "평형망 vs 잔여 신경망, 배치 정규화를 쓴 {depth}층"},
    "degradation.grad_when": {"en": "When", "ko": "시점"},
    "degradation.grad_init": {"en": "at initialisation", "ko": "초기화 직후"},
    "degradation.grad_trained": {"en": "after {steps} training steps", "ko": "훈련 {steps} 스텝 뒤"},
    "degradation.grad_res_grow": {
        "en": "**Degradation is not vanishing gradients.** With batch normalization the plain net's gradients do not "
              "vanish. In this page's own measurement (the chart above, one batch of digits) they even grow towards "
              "the input: the first layer's is about {ratio}× the last layer's. That growth is our measurement on "
              "these small nets; the ResNet paper states only that with batch normalization the backward gradients "
              "keep healthy sizes. The plain net still trains worse: its problem is optimisation. The skip "
              "connections keep every layer's gradient at a steadier size, because the identity path carries the "
              "signal back unchanged.",
        "ko": "**성능 저하는 경사 소실이 아닙니다.** 배치 정규화를 쓰면 평형망의 경사는 사라지지 않습니다. 이 페이지에서 직접 잰 값(위 그래프, 숫자 이미지 한 배치)에서는 "
              "오히려 입력 쪽으로 갈수록 커져서, 첫 층의 경사가 마지막 층의 약 {ratio}배입니다. 이것은 이 작은 신경망에서 우리가 잰 결과이고, ResNet 논문은 배치 "
              "정규화를 쓰면 역전파되는 경사의 크기가 건강하게 유지된다고만 말합니다. 그래도 평형망은 더 못 훈련됩니다. 문제는 최적화입니다. 스킵 연결의 항등 경로는 신호를 "
              "그대로 되돌려 보내므로 모든 층의 경사 크기가 더 고르게 유지됩니다.",
    },
    "degradation.grad_res_shrink": {
        "en": "**Degradation is not vanishing gradients.** In this page's own measurement (the chart above, one batch "
              "of digits) the plain net's first-layer gradient is {ratio}× its last layer's. The ResNet paper states "
              "that with batch normalization the backward gradients keep healthy sizes. The plain net still trains "
              "worse: its problem is optimisation. The skip connections keep every layer's gradient at a steadier "
              "size, because the identity path carries the signal back unchanged.",
        "ko": "**성능 저하는 경사 소실이 아닙니다.** 이 페이지에서 직접 잰 값(위 그래프, 숫자 이미지 한 배치)에서 평형망 첫 층의 경사는 마지막 층의 {ratio}배입니다. "
              "ResNet 논문은 배치 정규화를 쓰면 역전파되는 경사의 크기가 건강하게 유지된다고 말합니다. 그래도 평형망은 더 못 훈련됩니다. 문제는 최적화입니다. 스킵 연결의 "
              "항등 경로는 신호를 그대로 되돌려 보내므로 모든 층의 경사 크기가 더 고르게 유지됩니다.",
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
