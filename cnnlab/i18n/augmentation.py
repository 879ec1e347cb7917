"""Strings of the Data augmentation page (keys ``aug.*``)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "augmentation.title": {"en": "Data augmentation", "ko": "데이터 증강"},
    "augmentation.intro": {
        "en": "A network only learns what its training images show. **Data augmentation** makes new training "
              "images from old ones with changes that keep the label: the cat is still a cat when the photo is "
              "mirrored, cropped, turned a little or its colours shift. Every epoch sees a fresh random version of "
              "each image, so the model cannot memorise pixels and has to learn what stays the same. "
              "Change the settings and watch what the model would be trained on.",
        "ko": "신경망은 훈련 이미지에 담긴 것만 배웁니다. **데이터 증강**은 정답 레이블이 바뀌지 않는 변화를 주어 기존 이미지로 새 훈련 이미지를 만듭니다. 사진을 좌우 반전하거나, "
              "잘라 내거나, 조금 돌리거나, 색을 바꿔도 고양이는 여전히 고양이입니다. 에포크마다 각 이미지의 새로운 무작위 변형을 보게 되므로 모델은 픽셀을 외울 수 없고 변하지 않는 "
              "특징을 배워야 합니다. 설정을 바꿔 가며 모델이 실제로 훈련할 이미지를 확인해 보세요.",
    },
    "augmentation.kind": {"en": "Images", "ko": "이미지 종류"},
    "augmentation.kind_photos": {"en": "Photos", "ko": "사진"},
    "augmentation.kind_digits": {"en": "Handwritten digits", "ko": "손글씨 숫자"},
    "augmentation.kind_help": {
        "en": "Switching loads that kind's preset (see the note below).",
        "ko": "종류를 바꾸면 그 종류의 기본 설정이 적용됩니다(아래 설명 참고).",
    },
    "augmentation.preset_photos": {
        "en": "Preset for photos: random resized crops keeping {crop}–100 % of the area, mirroring, rotations up to "
              "±{rotation}°, colour jitter and AlexNet's PCA colour shifting. That is a modern mix, not AlexNet's "
              "recipe: AlexNet used only random {patch}×{patch} crops of {image}×{image} images, mirroring and the "
              "PCA colour shifting.",
        "ko": "사진의 기본 설정: 면적의 {crop}–100 %를 남기는 무작위 자르기(크기 조정 포함), 좌우 반전, ±{rotation}° 이내의 회전, 색 흔들기, "
              "AlexNet의 PCA 색 변환. 요즘 흔히 쓰는 조합이며 AlexNet의 방법 그대로는 아닙니다. AlexNet은 {image}×{image} 이미지에서 "
              "무작위로 자른 {patch}×{patch} 조각, 좌우 반전, PCA 색 변환만 썼습니다.",
    },
    "augmentation.preset_digits": {
        "en": "Preset for digits: small rotations (±{rotation}°), shears and local warps, crops keeping {crop}–100 % of "
              "the area; never mirroring.",
        "ko": "숫자의 기본 설정: 작은 회전(±{rotation}°), 전단, 국소 변형, 면적의 {crop}–100 %를 남기는 자르기. 좌우 반전은 쓰지 않습니다.",
    },
    "augmentation.reset": {"en": "Reset to the preset", "ko": "기본 설정으로 되돌리기"},
    "augmentation.label_keeps": {
        "en": "The rule of augmentation: a change is allowed only if a person would still give the image the "
              "same label.",
        "ko": "증강의 규칙: 사람이 보아도 같은 레이블을 붙일 변화만 허용됩니다.",
    },
    "augmentation.ops_head": {"en": "One operation at a time", "ko": "변환 하나씩 살펴보기"},
    "augmentation.ops_help": {
        "en": "Each tab shows the original (orange frame) and three random draws of that operation alone.",
        "ko": "각 탭은 원본(주황색 테두리)과 그 변환만 적용한 무작위 결과 세 개를 보여 줍니다.",
    },
    "augmentation.op_crop": {"en": "Random crop", "ko": "무작위 자르기"},
    "augmentation.op_flip": {"en": "Mirroring", "ko": "좌우 반전"},
    "augmentation.op_rotation": {"en": "Rotation", "ko": "회전"},
    "augmentation.op_shear": {"en": "Shearing", "ko": "전단"},
    "augmentation.op_elastic": {"en": "Local warping", "ko": "국소 변형"},
    "augmentation.op_color": {"en": "Colour jitter", "ko": "색 흔들기"},
    "augmentation.op_pca": {"en": "Colour shifting (PCA, AlexNet)", "ko": "색 변환 (PCA, AlexNet)"},
    "augmentation.original": {"en": "original", "ko": "원본"},
    "augmentation.draw": {"en": "draw {i}", "ko": "무작위 {i}"},
    "augmentation.off": {"en": "(off)", "ko": "(꺼짐)"},
    "augmentation.crop": {"en": "Smallest kept area", "ko": "남길 최소 면적 비율"},
    "augmentation.crop_help": {
        "en": "A random patch covering this fraction of the image or more (aspect 3:4 to 4:3) is cut out and "
              "scaled back to the full size. 1.0 = off.",
        "ko": "이미지 면적의 이 비율 이상을 덮는 무작위 조각(가로세로 비 3:4~4:3)을 잘라 원래 크기로 되돌립니다. 1.0 = 끔.",
    },
    "augmentation.crop_text": {
        "en": "**Random cropping** (with mirroring, the most used augmentation): the network sees different parts "
              "of the object at different scales. AlexNet trained on random {patch}×{patch} patches of {image}×{image} "
              "images: a fixed size, {area} of the area, never rescaled. This slider's crop is Inception's random "
              "resized crop: the patch's size and aspect vary too, and it is scaled back to the full size.",
        "ko": "**무작위 자르기**는 좌우 반전과 함께 가장 많이 쓰는 증강입니다. 물체의 다른 부분을 다른 크기로 보게 됩니다. AlexNet은 {image}×{image} 이미지에서 "
              "무작위로 자른 {patch}×{patch} 조각으로 훈련했습니다. 크기가 고정되어 면적의 {area}이고, 크기를 다시 바꾸지 않습니다. 이 슬라이더의 자르기는 "
              "인셉션의 방식(크기 조정 포함 무작위 자르기)이어서 조각의 크기와 가로세로 비도 바뀌고, 잘라 낸 조각을 원래 크기로 되돌립니다.",
    },
    "augmentation.flip": {"en": "Mirror left–right (probability ½)", "ko": "좌우 반전 (확률 ½)"},
    "augmentation.flip_text": {
        "en": "**Mirroring** flips the image about its vertical axis — the simplest augmentation. It is only "
              "allowed when the mirror image keeps the label: a cat facing left is still a cat.",
        "ko": "**좌우 반전**은 이미지를 세로축에 대해 뒤집는 가장 간단한 증강입니다. 뒤집어도 레이블이 그대로일 때만 "
              "쓸 수 있습니다. 왼쪽을 보는 고양이도 고양이입니다.",
    },
    "augmentation.flip_single": {"en": "The tab shows the mirror image itself (in training it happens half of the time).",
                        "ko": "이 탭은 반전된 이미지를 그대로 보여 줍니다(훈련에서는 절반의 확률로 일어납니다)."},
    "augmentation.flip_digits": {
        "en": "Digits are not mirrored: a mirrored 3 is not a 3 (and a mirrored 2 looks like a 5) — the flip "
              "would change the label.",
        "ko": "숫자는 좌우 반전하지 않습니다. 뒤집은 3은 3이 아니고, 뒤집은 2는 5처럼 보입니다. 반전이 레이블을 바꿉니다.",
    },
    "augmentation.flip_warning": {
        "en": "Mirroring is on for digits: mirrored digits are different symbols, so the model is trained on "
              "wrong labels. Switch it off.",
        "ko": "숫자에 좌우 반전이 켜져 있습니다. 뒤집힌 숫자는 다른 기호이므로 모델이 틀린 레이블로 훈련됩니다. 꺼 주세요.",
    },
    "augmentation.rotation": {"en": "Rotation range (± degrees)", "ko": "회전 범위 (± 도)"},
    "augmentation.rotation_text": {
        "en": "**Rotation** by a random angle in ± the range. Corners that come from outside the image are "
              "filled with black. Small angles keep the label; 180° turns a 6 into a 9.",
        "ko": "**회전**은 ± 범위 안의 무작위 각도로 돌립니다. 이미지 밖에서 들어온 모서리는 검은색으로 채웁니다. "
              "작은 각도는 레이블을 지키지만 180° 회전은 6을 9로 만듭니다.",
    },
    "augmentation.shear": {"en": "Shear range (± degrees)", "ko": "전단 범위 (± 도)"},
    "augmentation.shear_text": {
        "en": "**Shearing** slants the image, as if it were drawn on a card pushed sideways — like handwriting "
              "that leans.",
        "ko": "**전단**은 카드를 옆으로 민 것처럼 이미지를 기울입니다. 기울어진 손글씨와 비슷합니다.",
    },
    "augmentation.elastic_alpha": {"en": "Warp strength α", "ko": "국소 변형 세기 α"},
    "augmentation.elastic_sigma": {"en": "Warp smoothness σ (pixels)", "ko": "국소 변형 부드러움 σ (픽셀)"},
    "augmentation.elastic_text": {
        "en": "**Local warping** (elastic distortion): every pixel moves by a random displacement; the "
              "displacements are smoothed with a Gaussian of width σ so neighbours move together, and scaled by α. "
              "It imitates the wobble of a hand and was a key ingredient of early MNIST records (Simard et al., 2003).",
        "ko": "**국소 변형**(elastic distortion): 각 픽셀을 무작위로 옮기되, 폭 σ의 가우시안으로 이동량을 부드럽게 만들어 이웃 픽셀이 함께 움직이게 하고 α배로 "
              "키웁니다. 손의 떨림을 흉내 내며, 초기 MNIST 최고 기록의 핵심 요소였습니다(Simard 외, 2003).",
    },
    "augmentation.brightness": {"en": "Brightness ±", "ko": "밝기 ±"},
    "augmentation.contrast": {"en": "Contrast ±", "ko": "대비 ±"},
    "augmentation.saturation": {"en": "Saturation ±", "ko": "채도 ±"},
    "augmentation.hue": {"en": "Hue ± (fraction of the colour wheel)", "ko": "색상 ± (색상환 비율)"},
    "augmentation.color_text": {
        "en": "**Colour jitter** (torchvision's `ColorJitter`): brightness, contrast and saturation are *multiplied* "
              "by random factors in [1 − v, 1 + v] and the hue is turned a little, so the model does not depend on "
              "the lighting of its training photos. Saturation and hue do nothing to grey images. This is not the "
              "notes' colour shifting, which *adds* a different offset to R, G and B: the PCA tab does that.",
        "ko": "**색 흔들기**(torchvision의 `ColorJitter`): 밝기·대비·채도에 [1 − v, 1 + v] 사이의 무작위 배율을 *곱하고* 색상을 조금 돌립니다. 그러면 "
              "모델이 훈련 사진의 조명에 의존하지 않게 됩니다. 회색조 이미지에서 채도와 색상은 아무 효과가 없습니다. 노트의 색 변환과는 다릅니다. 색 변환은 R, G, B에 "
              "서로 다른 값을 *더하며*, PCA 탭이 그 일을 합니다.",
    },
    "augmentation.pca_std": {"en": "σ of α (paper: 0.1)", "ko": "α의 표준편차 σ (논문: 0.1)"},
    "augmentation.pca_text": {
        "en": "**Colour shifting** (the notes' colour augmentation): *add* a different offset to R, to G and to B — "
              "the same offset for every pixel of a channel. AlexNet (2012) draws the offsets along the principal "
              "components of ImageNet's RGB pixel colours, computed once: for each image three random numbers "
              "α ~ N(0, σ²) are drawn and `eigvec · (α ⊙ eigval)` is added to **every** pixel. It mostly changes "
              "the intensity and colour of the lighting.",
        "ko": "**색 변환**(노트의 색 증강): R, G, B에 서로 다른 값을 *더합니다*. 한 채널의 모든 픽셀에는 같은 값이 더해집니다. AlexNet(2012)은 "
              "ImageNet 픽셀 RGB 색의 주성분을 한 번 구해 두고 그 방향으로 더할 값을 정합니다. 이미지마다 무작위 수 세 개 α ~ N(0, σ²)를 뽑아 "
              "`eigvec · (α ⊙ eigval)`를 **모든** 픽셀에 더합니다. 주로 조명의 세기와 색이 바뀝니다.",
    },
    "augmentation.pca_shift": {"en": "RGB offsets of draw 1 (0–255 scale): {r}, {g}, {b}",
                      "ko": "무작위 1의 RGB 오프셋 (0–255 기준): {r}, {g}, {b}"},
    "augmentation.pipeline_head": {"en": "The whole pipeline: random draws", "ko": "전체 파이프라인: 무작위 결과"},
    "augmentation.pipeline_help": {
        "en": "Every switched-on operation, in this order: crop → mirror → rotate → shear → warp → colour jitter "
              "→ colour shifting (PCA). Each picture is one random draw — what one epoch of training might see.",
        "ko": "켜져 있는 모든 변환을 자르기 → 좌우 반전 → 회전 → 전단 → 국소 변형 → 색 흔들기 → 색 변환(PCA) 순서로 적용합니다. 각 그림은 무작위 결과 하나로, 한 에포크의 "
              "훈련에서 모델이 보게 될 수 있는 이미지입니다.",
    },
    "augmentation.n": {"en": "Number of draws", "ko": "무작위 결과 수"},
    "augmentation.seed": {"en": "Random seed", "ko": "난수 시드"},
    "augmentation.seed_help": {"en": "The same seed gives the same draws (so a shared link shows the same pictures).",
                      "ko": "같은 시드는 같은 결과를 냅니다(공유한 링크에서도 같은 그림이 보입니다)."},
    "augmentation.new_draws": {"en": "New draws", "ko": "새로 뽑기"},
    "augmentation.none_on": {"en": "No augmentation is switched on: every draw is the original image.",
                    "ko": "켜진 증강이 없습니다. 모든 결과가 원본과 같습니다."},
    "augmentation.same_builder": {
        "en": "These pictures come from `cnnlab.augmentation.build_augmentation` — the same function the training lab "
              "calls for every training image (torchvision `transforms.v2`), so what you see is what the model "
              "is trained on. On the CPU, loader workers distort the next mini-batches while the model trains "
              "on the current one.",
        "ko": "이 그림들은 `cnnlab.augmentation.build_augmentation`으로 만듭니다. 훈련 실험실이 훈련 이미지마다 부르는 바로 그 함수(torchvision "
              "`transforms.v2`)이므로, 모델은 여기 보이는 그대로의 이미지로 훈련합니다. CPU의 데이터 로더 작업자가 다음 미니배치를 변형하는 동안 모델은 현재 미니배치로 "
              "훈련합니다.",
    },
    "augmentation.same_pipeline": {
        "en": "These pictures come from `cnnlab.augmentation.build_augmentation` — the same function the training lab "
              "applies to every mini-batch, so what you see is what the model is trained on. It distorts a whole "
              "batch at once, each image with its own random crop, mirror, angle, warp and colours. AlexNet's CPU "
              "threads distorted the next mini-batches while the GPU trained on the current one; here the batch is "
              "distorted on the device that trains (the GPU when there is one), fast enough to need no helper "
              "processes.",
        "ko": "이 그림들은 `cnnlab.augmentation.build_augmentation`으로 만듭니다. 훈련 실험실이 모든 미니배치에 적용하는 "
              "바로 그 함수이므로, 보이는 그대로 모델이 훈련됩니다. 이 함수는 배치 전체를 한 번에 변형하며, 이미지마다 "
              "자르기·반전·각도·국소 변형·색을 따로 무작위로 뽑습니다. AlexNet에서는 GPU가 현재 미니배치로 훈련하는 동안 "
              "CPU 스레드가 다음 미니배치를 읽고 변형했습니다. 여기서는 훈련하는 장치(GPU가 있으면 GPU)에서 배치를 "
              "변형하며, 충분히 빨라서 보조 프로세스가 필요 없습니다.",
    },
    "augmentation.code_head": {"en": "The pipeline as code", "ko": "파이프라인 코드"},
    "augmentation.train_link": {"en": "Train with and without augmentation in the training lab",
                       "ko": "훈련 실험실에서 데이터 증강을 켜고 끄며 비교하기"},
    "augmentation.train_hint": {
        "en": "Augmentation usually lowers training accuracy a little (the task is harder) and raises test "
              "accuracy (less overfitting) — compare both curves.",
        "ko": "증강을 쓰면 보통 훈련 정확도는 조금 낮아지고(과제가 어려워지므로) 테스트 정확도는 올라갑니다(과적합 감소). "
              "두 곡선을 비교해 보세요.",
    },
    "augmentation.preview_note": {"en": "Photos are shown at most {px} px wide here; digits at their training size, 28×28.",
                         "ko": "사진은 여기서 최대 {px} 픽셀로 줄여 보여 주고, 숫자는 훈련 크기 28×28 그대로 보여 줍니다."},
    "augmentation.no_image": {"en": "No image: upload one to start.", "ko": "이미지가 없습니다. 이미지를 올려 시작하세요."},
}
