"""Strings of the image picker (sample or upload) and of the image loader's errors."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "images.sample": {"en": "Sample image", "ko": "예시 이미지"},
    "images.sample_cat": {"en": "Cat (Chelsea)", "ko": "고양이 (첼시)"},
    "images.sample_coffee": {"en": "Coffee cup", "ko": "커피잔"},
    "images.sample_astronaut": {"en": "Astronaut (Eileen Collins)", "ko": "우주비행사 (아일린 콜린스)"},
    "images.sample_rocket": {"en": "Rocket launch", "ko": "로켓 발사"},
    "images.sample_digit_3": {"en": "Handwritten 3 (MNIST)", "ko": "손글씨 숫자 3 (MNIST)"},
    "images.sample_digit_7": {"en": "Handwritten 7 (MNIST)", "ko": "손글씨 숫자 7 (MNIST)"},
    "images.upload": {"en": "…or upload your own image", "ko": "…또는 직접 이미지를 올리기"},
    "images.upload_help": {
        "en": "PNG, JPEG, GIF, BMP, WebP or TIFF, up to 10 MB. The image stays in this session only.",
        "ko": "PNG, JPEG, GIF, BMP, WebP, TIFF 파일(최대 10 MB). 이미지는 이 세션 안에서만 쓰입니다.",
    },
    "images.using_upload": {"en": "Using your upload **{name}** ({w}×{h}, {mode}).",
                            "ko": "올린 이미지 **{name}** 사용 중 ({w}×{h}, {mode})."},
    "images.fallback": {"en": "Showing the sample image instead.", "ko": "대신 예시 이미지를 보여 줍니다."},
    "images.err_title": {"en": "This file cannot be used as an image", "ko": "이 파일은 이미지로 쓸 수 없습니다"},
    "images.err_empty": {"en": "The file is empty (0 bytes). Choose a PNG or JPEG photo and upload it again.",
                         "ko": "파일이 비어 있습니다(0바이트). PNG나 JPEG 사진을 골라 다시 올려 주세요."},
    "images.err_svg": {
        "en": "SVG is a vector format, not a grid of pixels. Export it as PNG/JPEG and upload that.",
        "ko": "SVG는 픽셀 격자가 아닌 벡터 형식입니다. PNG/JPEG로 내보낸 뒤 올려 주세요.",
    },
    "images.err_not_image": {
        "en": "This file is not an image we can read.{text} Upload a PNG, JPEG, GIF, BMP, WebP or TIFF file.",
        "ko": "읽을 수 있는 이미지 파일이 아닙니다.{text} PNG, JPEG, GIF, BMP, WebP, TIFF 파일을 올려 주세요.",
    },
    "images.text_hint": {
        "en": " It looks like a text file with an image's name (renaming a file does not convert it).",
        "ko": " 이미지 확장자를 붙인 텍스트 파일로 보입니다(이름만 바꾼다고 형식이 바뀌지는 않습니다).",
    },
    "images.err_not_bytes": {"en": "Expected the file's bytes, got {type}.", "ko": "파일의 바이트가 필요한데 {type} 값이 왔습니다."},
    "images.err_corrupt": {
        "en": "The file seems truncated or corrupt ({detail}). Save it again, or upload another image.",
        "ko": "파일이 잘렸거나 손상된 것 같습니다({detail}). 다시 저장하거나 다른 이미지를 올려 주세요.",
    },
    "images.detail_format": {"en": "it starts like a {fmt}; {bytes} bytes", "ko": "{fmt} 형식으로 시작함, {bytes}바이트"},
    "images.detail_no_pixels": {"en": "no pixels: {size}", "ko": "픽셀 없음: {size}"},
    "images.pixels": {"en": "{n} pixels", "ko": "{n}픽셀"},
    "images.err_too_large": {
        "en": "This image is too large: {size} ({mp} megapixels; the limit is {limit}). "
              "Resize it to at most a few thousand pixels per side and upload it again.",
        "ko": "이미지가 너무 큽니다: {size} ({mp}메가픽셀, 한도 {limit}메가픽셀). "
              "한 변이 수천 픽셀 이하가 되도록 줄여서 다시 올려 주세요.",
    },
    "images.err_unknown_sample": {"en": "Unknown sample '{name}'; choose one of: {samples}.",
                                  "ko": "알 수 없는 예시 이미지 '{name}'입니다. 다음 중에서 고르세요: {samples}."},
    "images.err_channels": {"en": "A model input needs 1 or 3 channels, got {c}.",
                            "ko": "모델 입력은 채널이 1개나 3개여야 하는데 {c}개입니다."},
    "images.err_norm_channels": {"en": "mean/std has {n} values but the input has {c} channels.",
                                 "ko": "평균/표준편차 값은 {n}개인데 입력 채널은 {c}개입니다."},
}
