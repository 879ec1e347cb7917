"""Strings shared by every page: the counting conventions and the generic error title."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "common.error_title": {"en": "This setting does not work", "ko": "이 설정으로는 계산할 수 없습니다"},
    "common.conventions": {
        "en": "Conventions: 1 MAC = one multiply-add; MACs are counted for convolution and fully connected layers; "
              "FLOPs ≈ 2 × MACs. Parameters are the learnable weights and biases (batch-norm running statistics "
              "are buffers, not parameters). Counts are for one image.",
        "ko": "계산 규칙: 1 MAC = 곱셈-덧셈 한 번. MAC은 합성곱 층과 완전 연결 층에서 셉니다. FLOPs ≈ 2 × MAC. 파라미터는 학습되는 가중치와 편향입니다(배치 "
              "정규화의 이동 통계는 버퍼이며 파라미터가 아닙니다). 모든 수는 이미지 한 장 기준입니다.",
    },
    # ---- the job service (cnnlab/ui/jobs.py): queue, progress, outcome, failures, refusals
    "common.job_queued": {
        "en": "Waiting for a free worker: you are number **{position}** in the queue; your run should start in about "
              "{start} s. You can keep using the app meanwhile.",
        "ko": "빈 작업자를 기다리는 중입니다. 대기열 **{position}**번째이며 약 {start}초 뒤에 시작할 것으로 보입니다. "
              "그동안 앱의 다른 기능을 계속 쓸 수 있습니다.",
    },
    "common.job_queued_unknown": {
        "en": "Waiting for a free worker: you are number **{position}** in the queue (the start time is not known "
              "yet). You can keep using the app meanwhile.",
        "ko": "빈 작업자를 기다리는 중입니다. 대기열 **{position}**번째입니다 (시작 시각은 아직 알 수 없습니다). "
              "그동안 앱의 다른 기능을 계속 쓸 수 있습니다.",
    },
    "common.job_stopping": {"en": "Stopping after the current step…", "ko": "현재 스텝을 마치고 멈추는 중…"},
    "common.job_cancelled_queued": {"en": "Stopped before it started: nothing was trained.",
                                    "ko": "시작하기 전에 중지했습니다. 훈련한 것은 없습니다."},
    "common.job_cancelled_teacher": {"en": "Your teacher stopped this run.", "ko": "선생님이 이 훈련을 중지했습니다."},
    "common.job_cancelled_killed": {"en": "The run did not stop in time and was ended; nothing was kept.",
                                    "ko": "훈련이 제때 멈추지 않아 강제로 끝냈습니다. 남은 결과가 없습니다."},
    "common.job_cancelled_shutdown": {"en": "The server is shutting down, so the run was stopped.",
                                      "ko": "서버가 종료되는 중이라 훈련을 중지했습니다."},
    "common.job_gone": {"en": "This run is no longer on the server (it ended long ago). Start it again.",
                        "ko": "이 훈련은 서버에 더 이상 없습니다 (끝난 지 오래되었습니다). 다시 시작하세요."},
    "common.job_failed": {"en": "The run failed", "ko": "훈련이 실패했습니다"},
    "common.job_fail_dataset_unavailable": {
        "en": "{dataset} is not on this server. On a computer with internet run `{how}`, then copy the folder to "
              "the server (or point CNNLAB_DATA to it). The bundled digits always work.",
        "ko": "{dataset} 데이터가 이 서버에 없습니다. 인터넷이 되는 컴퓨터에서 `{how}` 를 실행한 뒤 그 폴더를 서버로 "
              "복사하세요 (또는 CNNLAB_DATA가 그 폴더를 가리키게 하세요). 내장 숫자 이미지는 언제나 쓸 수 있습니다.",
    },
    "common.job_fail_bad_layer": {
        "en": "The network has a layer that cannot be built: {layer}. Fix it on the Build your own page and send the "
              "network again.",
        "ko": "신경망에 만들 수 없는 층이 있습니다: {layer}. 나만의 CNN 만들기 페이지에서 이 층을 고친 뒤 다시 보내세요.",
    },
    "common.job_fail_bad_model": {"en": "The model {model} cannot be built for this data.",
                                  "ko": "{model} 모델을 이 데이터에 맞게 만들 수 없습니다."},
    "common.job_fail_bad_setting": {"en": "These settings cannot be trained. Change one and run again.",
                                    "ko": "이 설정으로는 훈련할 수 없습니다. 설정을 바꿔 다시 실행하세요."},
    "common.job_fail_out_of_memory": {
        "en": "The run ran out of memory. Choose a smaller batch size or a smaller network and run again.",
        "ko": "훈련 중 메모리가 부족했습니다. 배치 크기를 줄이거나 더 작은 신경망을 골라 다시 실행하세요.",
    },
    "common.job_fail_internal": {
        "en": "Something went wrong inside the run ({error}). Run it again; if it happens again, tell your teacher.",
        "ko": "훈련 안에서 문제가 생겼습니다 ({error}). 다시 실행해 보고, 또 생기면 선생님께 알려 주세요.",
    },
    "common.job_fail_backend": {
        "en": "The server could not start a worker for this run ({error}). Run it again in a moment.",
        "ko": "서버가 이 훈련을 실행할 작업자를 시작하지 못했습니다 ({error}). 잠시 뒤 다시 실행하세요.",
    },
    "common.job_fail_lost": {"en": "The worker was lost — run again.",
                             "ko": "작업자와의 연결이 끊어졌습니다. 다시 실행하세요."},
    "common.job_refused": {"en": "This run cannot start", "ko": "이 훈련을 시작할 수 없습니다"},
    "common.job_refused_busy": {
        "en": "Your previous run is still queued or running. Wait for it to end, or press Stop first.",
        "ko": "이전 훈련이 아직 대기 중이거나 실행 중입니다. 끝나기를 기다리거나 먼저 중지를 누르세요.",
    },
    "common.job_refused_too_many_epochs": {
        "en": "Your teacher allows at most {limit} epochs per run (you asked for {epochs}).",
        "ko": "선생님이 한 번에 최대 {limit} 에포크까지만 허용했습니다 (요청: {epochs} 에포크).",
    },
    "common.job_refused_subset_too_large": {
        "en": "Your teacher allows at most {limit} training images per run.",
        "ko": "선생님이 한 번에 훈련 이미지를 최대 {limit}장까지만 허용했습니다.",
    },
    "common.job_refused_bad_recipe": {"en": "The setting {field} = {value} cannot be used.",
                                      "ko": "{field} = {value} 설정은 쓸 수 없습니다."},
    "common.job_refused_shut_down": {"en": "The server is shutting down; no new runs start.",
                                     "ko": "서버가 종료되는 중이라 새 훈련을 시작하지 않습니다."},
    "common.job_limited": {
        "en": "Your teacher's limits apply: at most {epochs} epochs and {subset} training images per run.",
        "ko": "선생님이 정한 한도가 적용됩니다: 한 번에 최대 {epochs} 에포크, 훈련 이미지 {subset}장.",
    },
    "common.job_no_limit": {"en": "no limit", "ko": "제한 없음"},
    "common.upload_too_big": {
        "en": "This file is {size} MB; your teacher allows uploads of up to {limit} MB. Upload a smaller image.",
        "ko": "이 파일은 {size} MB입니다. 선생님이 허용한 업로드 크기는 최대 {limit} MB입니다. 더 작은 이미지를 올리세요.",
    },
}
