"""The glossary: one Korean word per concept, used by every page (``tests/test_glossary.py`` enforces it).

The Korean terms are those of the course notes the class follows (Coursera / 부스트코스 "합성곱 신경망" and the
students' seminar notes): 합성곱, 필터, 패딩, 스트라이드, 풀링, 잔여 블록, 스킵 연결, 평형망, 병목 층, 훈련 오류,
경사 소실 … Where the notes use an English word (feature map, saliency), the term is the one Korean ML courses use.

``GLOSSARY[concept] = {"en": term, "ko": term, "ko_avoid": [variants that must not appear on a Korean page]}``.
``en_pattern`` (optional) is a regular expression matching the concept in English text: a key whose English text
matches it must use the Korean term (``ko_pattern`` when the term may bend, e.g. 훈련시키다). Every term is also a
string key ``glossary.<concept>`` (e.g. an error names "the kernel" as ``glossary.kernel``).

Register: sentences end in 합니다체 (-ㅂ니다); requests in -세요; questions in -ㄹ까요?. Code names (Conv2d,
ReLU, MaxPool2d), units and formulas stay as they are; a Korean particle never follows a placeholder blindly — it is
chosen for the value (``"{n:으로}"``, see ``cnnlab.i18n.josa``).
"""
from __future__ import annotations

GLOSSARY: dict[str, dict] = {
    # ---- lesson 1: convolution arithmetic
    "convolution": {"en": "convolution", "ko": "합성곱", "ko_avoid": ["컨볼루션", "컨벌루션", "콘볼루션", "합성 곱"],
                    "en_pattern": r"\bconvolution"},
    "filter": {"en": "filter", "ko": "필터", "ko_avoid": [], "en_pattern": r"\bfilters?\b"},
    "kernel": {"en": "kernel", "ko": "커널", "ko_avoid": ["커넬"]},
    "padding": {"en": "padding", "ko": "패딩", "ko_avoid": ["덧대기", "채움 (padding)"], "en_pattern": r"\bpadding\b"},
    "stride": {"en": "stride", "ko": "스트라이드", "ko_avoid": ["보폭", "이동 간격"], "en_pattern": r"\bstride\b"},
    "dilation": {"en": "dilation", "ko": "팽창", "ko_avoid": ["딜레이션", "확장 합성곱"], "en_pattern": r"\bdilation\b"},
    "pooling": {"en": "pooling", "ko": "풀링", "ko_avoid": ["폴링", "풀링층"], "en_pattern": r"\bpooling\b"},
    "max_pooling": {"en": "max pooling", "ko": "최대 풀링", "ko_avoid": ["맥스 풀링", "맥스풀링", "최대풀링"],
                    "en_pattern": r"\bmax pooling\b"},
    "average_pooling": {"en": "average pooling", "ko": "평균 풀링", "ko_avoid": ["평균풀링", "에버리지 풀링"],
                        "en_pattern": r"\baverage pooling\b"},
    "global_average_pooling": {"en": "global average pooling", "ko": "전역 평균 풀링",
                               "ko_avoid": ["글로벌 평균 풀링", "전역평균풀링"]},
    "feature_map": {"en": "feature map", "ko": "특성 맵", "ko_avoid": ["특징 맵", "특징맵", "특성맵", "피처 맵", "피쳐 맵"],
                    "en_pattern": r"\bfeature[- ]maps?\b"},
    "activation_map": {"en": "activation map", "ko": "활성화 맵", "ko_avoid": ["활성 맵", "액티베이션 맵"]},
    "channel": {"en": "channel", "ko": "채널", "ko_avoid": [], "en_pattern": r"\bchannels?\b"},
    "parameter": {"en": "parameter", "ko": "파라미터", "ko_avoid": ["매개변수", "파라메터", "매개 변수"],
                  "en_pattern": r"(?<!hyper)\bparameters?\b"},
    "hyperparameter": {"en": "hyperparameter", "ko": "하이퍼파라미터", "ko_avoid": ["초매개변수", "하이퍼 파라미터"]},
    "weight": {"en": "weight", "ko": "가중치", "ko_avoid": ["웨이트"]},
    "bias": {"en": "bias", "ko": "편향", "ko_avoid": ["바이어스", "편향값"]},
    "mac": {"en": "MAC (multiply-add)", "ko": "MAC (곱셈-덧셈)",
            "ko_avoid": ["곱셈-누산", "곱셈 누산", "곱셈-누적", "곱셈누산", "MACs", "곱-합"]},
    "multiply_add": {"en": "multiply-add", "ko": "곱셈-덧셈", "ko_avoid": ["곱셈 덧셈", "곱셈과 덧셈 한 쌍"],
                     "en_pattern": r"\bmultiply-adds?\b"},
    "receptive_field": {"en": "receptive field", "ko": "수용 영역", "ko_avoid": ["수용장", "수용 필드", "수용영역"],
                        "en_pattern": r"\breceptive field"},
    "weight_sharing": {"en": "weight sharing", "ko": "가중치 공유", "ko_avoid": ["파라미터 공유"]},
    "fully_connected": {"en": "fully connected layer", "ko": "완전 연결 층",
                        "ko_avoid": ["전결합", "완전연결", "밀집 층", "덴스 층", "완전 연결층"],
                        "en_pattern": r"\bfully connected\b", "ko_pattern": "완전 연결"},
    "layer": {"en": "layer", "ko": "층", "ko_avoid": ["레이어"]},
    "log_scale": {"en": "logarithmic scale", "ko": "로그 스케일", "ko_avoid": ["로그 눈금", "로그 척도"]},
    "output_size": {"en": "output size", "ko": "출력 크기", "ko_avoid": ["출력 사이즈"]},
    # ---- lesson 2: classic networks
    "network": {"en": "network", "ko": "신경망", "ko_avoid": ["네트워크", "뉴럴넷", "플레인 망", "잔차 망", "잔여 망"]},
    "batch_norm": {"en": "batch normalization", "ko": "배치 정규화", "ko_avoid": ["배치 노멀라이제이션", "배치정규화"],
                   "en_pattern": r"\bbatch[- ]?norm"},
    "activation_function": {"en": "activation function", "ko": "활성화 함수", "ko_avoid": ["활성함수", "활성 함수"]},
    "auxiliary_classifier": {"en": "auxiliary classifier", "ko": "보조 분류기", "ko_avoid": ["보조분류기"]},
    "projection": {"en": "projection", "ko": "투영", "ko_avoid": ["사영", "프로젝션"], "en_pattern": r"\bprojection\b"},
    "flatten": {"en": "flatten", "ko": "펼치기", "ko_avoid": ["평탄화", "플래튼"]},
    # ---- lesson 3: residual networks
    "residual_block": {"en": "residual block", "ko": "잔여 블록", "ko_avoid": ["잔차 블록", "레지듀얼 블록", "잔여블록"],
                       "en_pattern": r"\bresidual blocks?\b"},
    "residual": {"en": "residual", "ko": "잔여", "ko_avoid": ["잔차"], "en_pattern": r"\bresidual\b"},
    "skip_connection": {"en": "skip connection (shortcut)", "ko": "스킵 연결",
                        "ko_avoid": ["지름길", "숏컷", "쇼트컷", "단축 연결", "건너뛰기 연결"],
                        "en_pattern": r"\b(skip connections?|shortcuts?)\b"},
    "plain_network": {"en": "plain network", "ko": "평형망",
                      "ko_avoid": ["플레인", "평범한 신경망", "평범한(plain)", "일반(plain)", "일반 신경망", "평형 망"],
                      "en_pattern": r"\bplain\b"},
    "degradation": {"en": "degradation", "ko": "성능 저하", "ko_avoid": ["열화", "성능저하"],
                    "en_pattern": r"\bdegradation\b"},
    "identity_function": {"en": "identity function (mapping)", "ko": "항등 함수",
                          "ko_avoid": ["항등 사상", "항등 매핑", "항등함수"]},
    "gradient": {"en": "gradient", "ko": "경사", "ko_avoid": ["그래디언트", "그라디언트", "그레이디언트", "기울기 소실"],
                 "en_pattern": r"\bgradients?\b"},
    "vanishing_gradient": {"en": "vanishing gradients", "ko": "경사 소실", "ko_avoid": ["기울기 소실", "경사소실"]},
    "slope": {"en": "slope (of a function)", "ko": "기울기", "ko_avoid": []},
    "training_error": {"en": "training error", "ko": "훈련 오류",
                       "ko_avoid": ["학습 오차", "훈련 오차", "학습 오류", "테스트 오차", "훈련오류"],
                       "en_pattern": r"\btraining error\b"},
    "overfitting": {"en": "overfitting", "ko": "과적합", "ko_avoid": ["과대적합", "오버피팅"],
                    "en_pattern": r"\boverfitting\b"},
    # ---- lesson 4: 1×1 convolutions and Inception
    "bottleneck": {"en": "bottleneck layer", "ko": "병목 층", "ko_avoid": ["병목층", "보틀넥"],
                   "en_pattern": r"\bbottleneck\b", "ko_pattern": "병목"},
    "inception_module": {"en": "Inception module", "ko": "인셉션 모듈", "ko_avoid": ["인셉션모듈"]},
    "branch": {"en": "branch", "ko": "갈래", "ko_avoid": ["분기", "브랜치", "1×1 가지", "3×3 가지", "5×5 가지",
                                                        "풀링 가지", "가지(branch)", "가지마다", "네 가지를 합"],
               "en_pattern": r"\bbranch(es)?\b"},
    "concatenation": {"en": "concatenation", "ko": "이어 붙이기", "ko_avoid": ["접합", "병합", "연접"]},
    "factorization": {"en": "factorizing", "ko": "분해", "ko_avoid": ["인수 분해", "인수분해"]},
    # ---- lesson 5: training and data augmentation
    "training": {"en": "training", "ko": "훈련",
                 "ko_avoid": ["학습 실험실", "학습 이미지", "학습 정확도", "학습 세트", "학습 데이터", "학습 시작",
                              "학습 사진"],
                 "en_pattern": r"\btraining (lab|images?|accuracy|set|data)\b"},
    "learning_rate": {"en": "learning rate", "ko": "학습률", "ko_avoid": ["러닝 레이트", "학습 속도"],
                      "en_pattern": r"\blearning rate\b"},
    "epoch": {"en": "epoch", "ko": "에포크", "ko_avoid": ["에폭", "에포치", "세대"], "en_pattern": r"\bepochs?\b"},
    "step": {"en": "step (one batch)", "ko": "스텝", "ko_avoid": ["스탭"]},
    "batch": {"en": "batch", "ko": "배치", "ko_avoid": ["뱃치"]},
    "loss": {"en": "loss", "ko": "손실", "ko_avoid": ["로스"]},
    "accuracy": {"en": "accuracy", "ko": "정확도", "ko_avoid": ["정확성"]},
    "data_augmentation": {"en": "data augmentation", "ko": "데이터 증강", "ko_avoid": ["데이터 확장", "데이터 증식"],
                          "en_pattern": r"\baugmentation\b", "ko_pattern": "증강"},
    "mirroring": {"en": "mirroring", "ko": "좌우 반전", "ko_avoid": ["미러링", "수직 축 대칭", "뒤집기와"],
                  "en_pattern": r"\bmirror(ing|ed)?\b", "ko_pattern": "반전"},
    "random_crop": {"en": "random cropping", "ko": "무작위 자르기", "ko_avoid": ["랜덤 크롭", "무작위 크롭", "임의 자르기"]},
    "rotation": {"en": "rotation", "ko": "회전", "ko_avoid": ["로테이션"]},
    "shear": {"en": "shearing", "ko": "전단", "ko_avoid": ["기울이기", "시어", "밀림 변환", "전단 변환"],
              "en_pattern": r"\bshear(s|ing)?\b"},
    "local_warping": {"en": "local warping", "ko": "국소 변형", "ko_avoid": ["비틀기", "뒤틀기", "탄성 변형", "워핑"],
                      "en_pattern": r"\bwarp(s|ing)?\b"},
    "color_shift": {"en": "colour shifting", "ko": "색 변환", "ko_avoid": ["색상 변화", "색 변화", "컬러 시프트", "색변환"]},
    "confusion_matrix": {"en": "confusion matrix", "ko": "혼동 행렬", "ko_avoid": ["오차 행렬", "혼돈 행렬"]},
    "dataset": {"en": "dataset", "ko": "데이터셋", "ko_avoid": ["데이터 세트", "데이타셋"]},
    # ---- lab: seeing inside
    "attribution": {"en": "attribution", "ko": "기여도", "ko_avoid": ["어트리뷰션", "귀속"]},
    "saliency": {"en": "saliency map", "ko": "현저성 맵", "ko_avoid": ["saliency 맵", "돌출 맵", "세일리언시"],
                 "en_pattern": r"\bsaliency\b"},
    "integrated_gradients": {"en": "integrated gradients", "ko": "통합 경사",
                             "ko_avoid": ["통합 그래디언트", "적분 그래디언트"]},
    "occlusion": {"en": "occlusion", "ko": "가림", "ko_avoid": ["폐색", "오클루전"], "en_pattern": r"\bocclusion\b"},
    "forward_pass": {"en": "forward pass", "ko": "순전파", "ko_avoid": ["포워드 패스", "순방향 전파"]},
    "backward_pass": {"en": "backward pass", "ko": "역전파", "ko_avoid": ["백워드 패스", "역방향 전파"]},
}

# Each term is also a translation key, e.g. t("glossary.kernel", "ko") == "커널".
STRINGS: dict[str, dict[str, str]] = {
    f"glossary.{concept}": {"en": entry["en"], "ko": entry["ko"]} for concept, entry in GLOSSARY.items()
}
