"""Strings of lesson 5, the training lab (pages/training_lab.py, cnnlab/ui/training_lab.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "training_lab.title": {"en": "Training lab", "ko": "훈련 실험실"},
    "training_lab.intro": {
        "en": "Train a small network here and watch it learn: the loss falls and the accuracy climbs, epoch by epoch. "
              "Change one setting at a time — the learning rate, the batch size, the model, data augmentation — and "
              "compare the curves. The defaults train LeNet-5 to about 98 % test accuracy on the bundled digits in "
              "well under half a minute, even on two CPU cores.",
        "ko": "여기서 작은 신경망을 직접 훈련시키며 배우는 과정을 지켜봅니다. 에포크가 지날수록 손실은 줄고 정확도는 올라갑니다. 학습률, 배치 크기, 모델, 데이터 증강처럼 설정을 한 번에 "
              "하나씩 바꿔 가며 곡선을 비교해 보세요. 기본 설정은 CPU 코어 두 개에서도 30초가 채 안 걸려 내장 숫자 이미지로 LeNet-5를 테스트 정확도 약 98 %까지 "
              "훈련시킵니다.",
    },
    "training_lab.model": {"en": "Model", "ko": "모델"},
    "training_lab.model_lenet5_modern": {"en": "LeNet-5, modern (ReLU + max pooling)", "ko": "LeNet-5 현대판 (ReLU + 최대 풀링)"},
    "training_lab.model_lenet5": {"en": "LeNet-5, classic (tanh + average pooling)", "ko": "LeNet-5 고전판 (tanh + 평균 풀링)"},
    "training_lab.model_small_vgg": {"en": "Small VGG (3×3 convolutions, batch norm)", "ko": "작은 VGG (3×3 합성곱, 배치 정규화)"},
    "training_lab.model_resnet20": {"en": "ResNet-20 (residual blocks)", "ko": "ResNet-20 (잔여 블록)"},
    "training_lab.model_custom": {"en": "My network (from Build your own)", "ko": "내가 만든 신경망 (나만의 CNN 만들기)"},
    "training_lab.custom_hint": {
        "en": "Build a network on the *Build your own* page and send it here to train it.",
        "ko": "*나만의 CNN 만들기* 페이지에서 신경망을 만들어 이곳으로 보내면 훈련시킬 수 있습니다.",
    },
    "training_lab.dataset": {"en": "Dataset", "ko": "데이터셋"},
    "training_lab.dataset_mnist10k": {"en": "MNIST digits, 10,000 bundled (8,000 train / 2,000 test)",
                               "ko": "MNIST 숫자 10,000장 내장 (훈련 8,000 / 테스트 2,000)"},
    "training_lab.dataset_mnist": {"en": "MNIST, full (needs the files)", "ko": "MNIST 전체 (파일 필요)"},
    "training_lab.dataset_fashion_mnist": {"en": "Fashion-MNIST (needs the files)", "ko": "Fashion-MNIST (파일 필요)"},
    "training_lab.dataset_cifar10": {"en": "CIFAR-10 (needs the files)", "ko": "CIFAR-10 (파일 필요)"},
    "training_lab.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "training_lab.opt_adam": {"en": "Adam", "ko": "Adam"},
    "training_lab.opt_sgd": {"en": "SGD + momentum 0.9", "ko": "SGD + 모멘텀 0.9"},
    "training_lab.opt_adamw": {"en": "AdamW", "ko": "AdamW"},
    "training_lab.lr": {"en": "Learning rate", "ko": "학습률"},
    "training_lab.lr_help": {
        "en": "How big each step is. Too small: slow learning. Too large (try 10): the loss explodes — training diverges.",
        "ko": "한 번에 얼마나 크게 움직일지 정합니다. 너무 작으면 느리게 배우고, 너무 크면(10을 넣어 보세요) 손실이 폭발해 훈련이 발산합니다.",
    },
    "training_lab.epochs": {"en": "Epochs", "ko": "에포크"},
    "training_lab.batch": {"en": "Batch size", "ko": "배치 크기"},
    "training_lab.cosine": {"en": "Cosine learning-rate decay", "ko": "코사인 학습률 감쇠"},
    "training_lab.cosine_help": {
        "en": "Lower the learning rate smoothly to 0 over the run: big steps first, fine steps at the end.",
        "ko": "훈련하는 동안 학습률을 0까지 부드럽게 낮춥니다. 처음엔 크게, 끝에서는 세밀하게 움직입니다.",
    },
    "training_lab.augment": {"en": "Data augmentation", "ko": "데이터 증강"},
    "training_lab.augment_help": {
        "en": "Show slightly changed copies of the training images (small rotations, shears, crops, warps; flips and "
              "colour changes for photos). Runs in a worker process while the model trains; slower per epoch, "
              "usually less overfitting.",
        "ko": "훈련 이미지를 조금씩 바꾼 사본을 보여 줍니다(작은 회전, 전단, 자르기, 국소 변형, 사진이면 좌우 반전과 색 변환). 모델이 훈련하는 동안 별도 작업 프로세스에서 실행되며, "
              "에포크당 시간은 늘지만 대개 과적합이 줄어듭니다.",
    },
    "training_lab.device": {"en": "Device: **{device}**", "ko": "장치: **{device}**"},
    "training_lab.previous": {"en": "previous run ({model}, augmentation {aug}, lr {lr})",
                       "ko": "이전 실행 ({model}, 데이터 증강 {aug}, 학습률 {lr})"},
    "training_lab.aug_on": {"en": "on", "ko": "켬"},
    "training_lab.aug_off": {"en": "off", "ko": "끔"},
    "training_lab.previous_caption": {
        "en": "Grey: the run before this one, for comparison — change one setting (e.g. switch augmentation on) "
              "and train again to see its effect on the train and test curves.",
        "ko": "회색: 바로 이전 실행(비교용)입니다. 설정 하나만 바꿔(예: 데이터 증강 켜기) 다시 훈련하면 훈련·테스트 곡선에 미치는 효과를 볼 수 있습니다.",
    },
    "training_lab.start": {"en": "Train", "ko": "훈련 시작"},
    "training_lab.stop": {"en": "Stop", "ko": "중지"},
    "training_lab.progress": {"en": "Epoch {epoch}/{epochs} · step {step}/{steps} · {percent}% · about {left} s left",
                       "ko": "에포크 {epoch}/{epochs} · 스텝 {step}/{steps} · {percent}% · 약 {left}초 남음"},
    "training_lab.progress_start": {"en": "Preparing the data and the model…", "ko": "데이터와 모델을 준비하는 중…"},
    "training_lab.curves": {"en": "Learning curves", "ko": "학습 곡선"},
    "training_lab.fig_loss": {"en": "Loss (cross-entropy)", "ko": "손실 (교차 엔트로피)"},
    "training_lab.fig_acc": {"en": "Accuracy (%)", "ko": "정확도 (%)"},
    "training_lab.fig_epoch": {"en": "epoch", "ko": "에포크"},
    "training_lab.fig_train": {"en": "train", "ko": "훈련"},
    "training_lab.fig_test": {"en": "test", "ko": "테스트"},
    "training_lab.fig_steps": {"en": "train (each step)", "ko": "훈련 (스텝별)"},
    "training_lab.fig_true": {"en": "true class", "ko": "실제 클래스"},
    "training_lab.fig_pred": {"en": "predicted class", "ko": "예측 클래스"},
    "training_lab.fig_mis": {"en": "{true} → {pred}", "ko": "{true} → {pred}"},
    "training_lab.no_run": {"en": "Choose the settings and press **Train**.", "ko": "설정을 고르고 **훈련 시작**을 누르세요."},
    "training_lab.result": {
        "en": "**{model}**: test accuracy **{acc}** after {epochs} epochs in {seconds:.1f} s on {device} "
              "({speed:,.0f} training images/s).",
        "ko": "**{model}**: {device}에서 {seconds:.1f}초 동안 {epochs} 에포크 훈련한 뒤 테스트 정확도 **{acc}** (초당 훈련 이미지 "
              "{speed:,.0f}장).",
    },
    "training_lab.stopped": {
        "en": "Training was stopped after {epochs} full epochs; the network keeps what it learned so far.",
        "ko": "훈련을 중지했습니다(완료한 에포크 {epochs}개). 신경망은 지금까지 배운 것을 그대로 가지고 있습니다.",
    },
    "training_lab.acc_metric": {"en": "Test accuracy", "ko": "테스트 정확도"},
    "training_lab.time_metric": {"en": "Time", "ko": "시간"},
    "training_lab.speed_metric": {"en": "Training images / s", "ko": "초당 훈련 이미지"},
    "training_lab.overfit": {
        "en": "Training accuracy is {gap:.1f} points above test accuracy: the network memorises the training images "
              "more than it generalises (overfitting). Try data augmentation or fewer epochs.",
        "ko": "훈련 정확도가 테스트 정확도보다 {gap:.1f}%p 높습니다. 신경망이 일반화하기보다 훈련 이미지를 외우고 있습니다 "
              "(과적합). 데이터 증강을 켜거나 에포크 수를 줄여 보세요.",
    },
    "training_lab.confusion": {"en": "Confusion matrix (test set)", "ko": "혼동 행렬 (테스트 세트)"},
    "training_lab.confusion_caption": {
        "en": "Row = the true class, column = the network's answer. The diagonal counts the correct answers; every "
              "other cell is a kind of mistake (colour = share of that row).",
        "ko": "행은 실제 클래스, 열은 신경망의 답입니다. 대각선은 맞힌 개수이고, 나머지 칸은 각각 한 종류의 실수입니다 "
              "(색은 그 행에서 차지하는 비율).",
    },
    "training_lab.mistakes": {"en": "Misclassified test images", "ko": "잘못 분류한 테스트 이미지"},
    "training_lab.mistakes_caption": {"en": "{shown} of {total} mistakes, titled true → predicted.",
                               "ko": "실수 {total}개 중 {shown}개 (제목: 실제 → 예측)."},
    "training_lab.no_mistakes": {"en": "No mistakes on the test set.", "ko": "테스트 세트에서 틀린 이미지가 없습니다."},
    "training_lab.kept": {
        "en": "This trained network is kept for your session: the feature-map and attribution pages look inside it.",
        "ko": "훈련한 신경망은 이 세션 동안 보관됩니다. 특성 맵 페이지와 기여도 페이지에서 그 내부를 들여다볼 수 있습니다.",
    },
    "training_lab.feature_link": {"en": "Look at its feature maps", "ko": "특성 맵 보기"},
    "training_lab.attribution_link": {"en": "See what it looks at", "ko": "어디를 보는지 확인하기"},
    "training_lab.err_title": {"en": "Training could not start", "ko": "훈련을 시작할 수 없습니다"},
    "training_lab.diverged_title": {"en": "Training diverged", "ko": "훈련이 발산했습니다"},
    "training_lab.diverged": {
        "en": "With learning rate {lr} the loss exploded (it reached {loss}) instead of falling: each step jumped "
              "past the valley it was meant to go down into. Lower the learning rate (try {lower}) and train again.",
        "ko": "학습률 {lr}에서 손실이 줄지 않고 폭발했습니다({loss}까지 커짐). 한 스텝이 내려가야 할 골짜기를 훌쩍 넘어가 버린 것입니다. 학습률을 낮춰서(예: {lower}) "
              "다시 훈련해 보세요.",
    },
    "training_lab.dataset_missing": {"en": "This dataset is not on this computer", "ko": "이 데이터셋이 이 컴퓨터에 없습니다"},
    "training_lab.custom_mismatch": {
        "en": "Your network expects inputs of {spec}, but {dataset} images are {data}. Change the input size on the "
              "Build your own page, or choose another dataset.",
        "ko": "내가 만든 신경망의 입력 크기는 {spec}인데 {dataset} 이미지는 {data}입니다. 나만의 CNN 만들기 페이지에서 입력 크기를 바꾸거나 다른 데이터셋을 고르세요.",
    },
    "training_lab.custom_classes": {
        "en": "Your network ends with {out} outputs, but {dataset} has {classes} classes: make its last layer fc {classes}.",
        "ko": "내가 만든 신경망의 출력은 {out}개인데 {dataset}의 클래스는 {classes}개입니다. 마지막 층을 fc {classes:로} 바꾸세요.",
    },
    "training_lab.quick": {"en": "Quick test mode: {n} training images.", "ko": "빠른 테스트 모드: 훈련 이미지 {n}장."},
}
