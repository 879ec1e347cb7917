"""Strings of the lab page "where does the network look?" (pages/attribution.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "attribution.title": {"en": "Where does the network look?", "ko": "신경망은 어디를 볼까?"},
    "attribution.intro": {
        "en": "An **attribution** method scores every input pixel by how much it pushed the network towards one "
              "class. Four methods (computed with captum) answer the question differently — and at very "
              "different costs. Yellow to red = pushed towards the class (red = most).",
        "ko": "**기여도 분석**(attribution)은 입력 픽셀마다 신경망을 한 클래스 쪽으로 얼마나 밀었는지 점수를 매깁니다. "
              "네 가지 방법(captum으로 계산)은 서로 다르게 답하고, 드는 비용도 크게 다릅니다. 노란색~빨간색 = 그 클래스 쪽으로 "
              "민 픽셀(빨간색일수록 강함).",
    },
    "attribution.target": {"en": "Explain the class", "ko": "설명할 클래스"},
    "attribution.target_help": {"en": "By default the predicted class; pick another to ask \"why not this one?\".",
                         "ko": "기본값은 예측한 클래스입니다. 다른 클래스를 골라 \"왜 이건 아닐까?\"를 물어볼 수 있습니다."},
    "attribution.target_pred": {"en": "the predicted class", "ko": "예측한 클래스"},
    "attribution.method": {"en": "Method", "ko": "방법"},
    "attribution.method_saliency": {"en": "Saliency", "ko": "현저성 맵"},
    "attribution.method_integrated_gradients": {"en": "Integrated gradients", "ko": "통합 경사"},
    "attribution.method_gradcam": {"en": "Grad-CAM", "ko": "Grad-CAM"},
    "attribution.method_occlusion": {"en": "Occlusion", "ko": "가림"},
    "attribution.about_saliency": {
        "en": "**Saliency**: the absolute gradient of the class score with respect to each pixel — which pixels "
              "would change the score most if nudged. One forward and one backward pass; often noisy.",
        "ko": "**현저성 맵**(saliency map): 픽셀마다 클래스 점수의 경사 절댓값입니다. 픽셀을 조금 바꿨을 때 점수가 가장 크게 변할 곳을 보여 줍니다. 순전파 1번, 역전파 "
              "1번이면 되지만 잡음이 많은 편입니다.",
    },
    "attribution.about_integrated_gradients": {
        "en": "**Integrated gradients**: gradients averaged along a straight path from a black image to this "
              "image, times the pixel difference. The scores add up to the change in the class score. Costs "
              "one forward and backward pass per step.",
        "ko": "**통합 경사**(integrated gradients): 검은 이미지에서 이 이미지까지 직선 경로를 따라 경사를 평균하고 픽셀 차이를 곱합니다. 점수를 모두 더하면 클래스 "
              "점수의 변화량이 됩니다. 단계마다 순전파와 역전파가 한 번씩 듭니다.",
    },
    "attribution.about_gradcam": {
        "en": "**Grad-CAM**: the chosen convolution layer's feature maps, weighted by the average gradient of the "
              "class score on each map, then ReLU and upsampled to the image. Coarse (the layer's resolution) but "
              "clear about *where*. One forward and one backward pass.",
        "ko": "**Grad-CAM**: 고른 합성곱 층의 특성 맵에 맵별 클래스 점수 경사 평균을 가중치로 곱해 더한 뒤 ReLU를 "
              "적용하고 이미지 크기로 키웁니다. 해상도는 그 층만큼 거칠지만 *어디*를 보는지 잘 보여 줍니다. 순전파 1번, "
              "역전파 1번.",
    },
    "attribution.about_occlusion": {
        "en": "**Occlusion**: cover one square patch at a time with black and measure how much the class score "
              "drops. No gradients at all — just one forward pass per window position, so it is the slowest.",
        "ko": "**가림**(occlusion): 정사각형 조각을 하나씩 검게 가리고 클래스 점수가 얼마나 떨어지는지 잽니다. 경사가 전혀 필요 없지만 창 위치마다 순전파가 한 번씩 들어 가장 "
              "느립니다.",
    },
    "attribution.steps": {"en": "Integration steps", "ko": "적분 단계 수"},
    "attribution.layer": {"en": "Convolution layer", "ko": "합성곱 층"},
    "attribution.layer_help": {"en": "Deeper layers: coarser maps, more meaningful parts.",
                        "ko": "깊은 층일수록 맵은 거칠지만 의미 있는 부분을 봅니다."},
    "attribution.window": {"en": "Window (pixels)", "ko": "창 크기 (픽셀)"},
    "attribution.stride": {"en": "Window stride (pixels)", "ko": "창 스트라이드 (픽셀)"},
    "attribution.cost": {
        "en": "Cost: **{f} forward** and **{b} backward** passes through the network ({ms} ms here).",
        "ko": "비용: 신경망 **순전파 {f}번**, **역전파 {b}번** (여기서 {ms} ms).",
    },
    "attribution.running": {"en": "Computing {method}…", "ko": "{method} 계산 중…"},
    "attribution.overlay_title": {"en": "{method} for “{label}”", "ko": "“{label}”에 대한 {method}"},
    "attribution.compare_head": {"en": "All four side by side", "ko": "네 방법 한눈에 비교"},
    "attribution.compare": {"en": "Compute all four methods", "ko": "네 방법 모두 계산"},
    "attribution.compare_help": {"en": "Runs every method with the settings above (occlusion can take a few seconds).",
                          "ko": "위 설정으로 모든 방법을 실행합니다(가림은 몇 초 걸릴 수 있습니다)."},
    "attribution.scale_note": {
        "en": "Each map is scaled to 0–1 on its own, so compare where they point, not their brightness.",
        "ko": "맵마다 0–1로 따로 정규화했으므로 밝기가 아니라 가리키는 위치를 비교하세요.",
    },
}
