"""The words of every cnnlab error, in English and Korean, and the one function that puts them together.

    from cnnlab.i18n.errors import error_text
    error_text(exc, "ko")   # "2번 층(pool max k=3 p=2): 풀링 패딩 2가 커널 3의 절반보다 큽니다. p=1 이하로 하세요."
    str(exc)                # the same in English, one line: "layer 2 (pool max k=3 p=2): pooling padding 2 is …"

An error (``cnnlab.errors.CnnlabError``) is a ``code`` and its ``values``. ``errors.<code>`` says what is wrong and
``errors.<code>_fix`` (when there is one) what to change; English joins them with " — ", Korean writes two sentences.
The problem and the fix are clauses without a final full stop (the joiner adds it), so that one problem can sit inside
another message (a summary error quotes the arithmetic's "kernel 7 is larger than the padded input 4×4").
A :class:`cnnlab.errors.LayerError` is prefixed with its place (``errors.where_*``). Values are worded here too:
numbers get thousands separators, (h, w) pairs become ``5×3``, ``Term`` values are looked up, ``Quote`` values (text
cnnlab did not write) stay English but appear as quoted code on a Korean page.
An exception that is not a cnnlab error is still shown: as it is in English, quoted after a Korean sentence elsewhere.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["error_text", "error_message", "where_text", "word_values"]

STRINGS: dict[str, dict[str, str]] = {
    # ---- how the pieces are joined
    "errors.join": {"en": "{problem} — {fix}", "ko": "{problem}. {fix}"},
    "errors.at": {"en": "{where}: {message}", "ko": "{where}: {message}"},
    "errors.where_row": {"en": "layer {index} ({text})", "ko": "{index}번 층({text})"},
    "errors.where_module": {"en": "layer {layer} ({type})", "ko": "{layer} 층({type})"},
    "errors.where_module_untyped": {"en": "layer {layer}", "ko": "{layer} 층"},
    "errors.where_model": {"en": "{model}: {where}", "ko": "{model}: {where}"},
    "errors.unexpected": {"en": "{detail}", "ko": "예상하지 못한 문제가 생겼습니다: {detail}"},
    "errors.did_you_mean": {"en": " — did you mean '{word}'?", "ko": ". 혹시 '{word}'인가요?"},
    "errors.did_you_mean_any": {"en": " — did you mean {words}?", "ko": ". 혹시 {words} 중 하나인가요?"},
    "errors.got": {"en": ", got '{value}'", "ko": "(현재 '{value}')"},
    "errors.w_input": {"en": "input", "ko": "입력"},
    "errors.w_output": {"en": "output", "ko": "출력"},
    "errors.w_out_channels": {"en": "output channels", "ko": "출력 채널"},
    "errors.w_out_features": {"en": "output features", "ko": "출력"},
    "errors.w_input_size": {"en": "input size", "ko": "입력 크기"},
    # ---- one layer's arithmetic (cnnlab.arithmetic)
    "errors.not_whole": {"en": "{what} must be a whole number, not {value}",
                         "ko": "{what:은} 정수여야 합니다(현재 {value})"},
    "errors.not_size": {"en": "{what} must be a whole number or a (height, width) pair, not {value}",
                        "ko": "{what:은} 정수 또는 (높이, 너비) 쌍이어야 합니다(현재 {value})"},
    "errors.below_one": {"en": "the {what} must be at least 1, got {got}", "ko": "{what:은} 1 이상이어야 합니다(현재 {got})"},
    "errors.below_one_fix": {"en": "use {opt}=1 or more", "ko": "{opt}=1 이상으로 하세요"},
    "errors.input_below_one": {"en": "the input size must be at least 1, got {got}",
                               "ko": "입력 크기는 1 이상이어야 합니다(현재 {got})"},
    "errors.input_below_one_fix": {"en": "use a larger input", "ko": "더 큰 입력을 쓰세요"},
    "errors.settings_below_one": {"en": "kernel, stride and dilation must be at least 1",
                                  "ko": "커널, 스트라이드, 팽창은 모두 1 이상이어야 합니다"},
    "errors.negative_padding": {"en": "padding cannot be negative, got {got}", "ko": "패딩은 음수일 수 없습니다(현재 {got})"},
    "errors.negative_padding_fix": {"en": "use p=0 or more", "ko": "p=0 이상으로 하세요"},
    "errors.kernel_too_big": {"en": "kernel {kernel} is larger than the padded input {padded}",
                              "ko": "커널 {kernel:이} 패딩을 더한 입력 {padded}보다 큽니다"},
    "errors.kernel_too_big_fix": {"en": "lower k or add padding", "ko": "k를 줄이거나 패딩을 늘리세요"},
    "errors.dilated_kernel_too_big": {
        "en": "kernel {kernel} with dilation {dilation} (spanning {span}) is larger than the padded input {padded}",
        "ko": "팽창 {dilation}인 커널 {kernel:은} {span}칸을 덮어서, 패딩을 더한 입력 {padded}보다 큽니다",
    },
    "errors.dilated_kernel_too_big_fix": {"en": "lower k or d, or add padding",
                                          "ko": "k나 d를 줄이거나 패딩을 늘리세요"},
    "errors.bad_padding": {"en": "padding must be a number, 'same' or 'valid', not {value}",
                           "ko": "패딩은 숫자, 'same', 'valid' 중 하나여야 합니다(현재 {value})"},
    "errors.same_needs_stride_1": {
        "en": "padding 'same' works only with stride 1 in PyTorch, got stride {stride}",
        "ko": "PyTorch에서 'same' 패딩은 스트라이드 1에서만 쓸 수 있는데, 지금 스트라이드는 {stride}입니다",
    },
    "errors.same_needs_stride_1_fix": {"en": "use s=1, or give the padding as a number (p={p} for k={k})",
                                       "ko": "s=1로 하거나, 패딩을 숫자로 주세요(k={k}이면 p={p})"},
    "errors.conv_no_channels": {"en": "a convolution needs at least 1 input and 1 output channel",
                                "ko": "합성곱에는 입력 채널과 출력 채널이 1개 이상 있어야 합니다"},
    "errors.groups_below_one": {"en": "groups must be at least 1, got {groups}",
                                "ko": "그룹 수는 1 이상이어야 합니다(현재 {groups})"},
    "errors.groups_below_one_fix": {"en": "use g=1 or more", "ko": "g=1 이상으로 하세요"},
    "errors.groups_not_divisible": {"en": "{which} channels {channels} are not divisible by groups {groups}",
                                    "ko": "{which} 채널 {channels}개는 그룹 {groups}개로 나누어떨어지지 않습니다"},
    "errors.groups_not_divisible_fix": {"en": "pick g that divides both {cin} and {cout}",
                                        "ko": "{cin:과} {cout:을} 모두 나누는 g를 고르세요"},
    "errors.bad_pool_mode": {"en": "pooling is 'max' or 'avg', not {mode}",
                             "ko": "풀링 종류는 'max' 또는 'avg'입니다(현재 {mode})"},
    "errors.avg_pool_dilation": {"en": "average pooling has no dilation", "ko": "평균 풀링에는 팽창이 없습니다"},
    "errors.avg_pool_dilation_fix": {"en": "use d=1 or max pooling", "ko": "d=1로 하거나 최대 풀링을 쓰세요"},
    "errors.pool_padding_not_number": {"en": "pooling padding is a number, not '{value}'",
                                       "ko": "풀링의 패딩은 숫자여야 합니다(현재 '{value}')"},
    "errors.pool_padding_not_number_fix": {"en": "e.g. p=1 for k=3", "ko": "예를 들어 k=3이면 p=1로 쓰세요"},
    "errors.pool_padding_over_half": {"en": "pooling padding {padding} is more than half the kernel {kernel}",
                                      "ko": "풀링 패딩 {padding:이} 커널 {kernel}의 절반보다 큽니다"},
    "errors.pool_padding_over_half_fix": {"en": "use p={max} or less", "ko": "p={max} 이하로 하세요"},
    "errors.fc_no_features": {"en": "a fully connected layer needs at least 1 input and 1 output feature",
                              "ko": "완전 연결 층에는 입력과 출력이 1개 이상 있어야 합니다"},
    "errors.sizes_below_one": {"en": "sizes, channels and kernel must all be at least 1",
                               "ko": "크기, 채널 수, 커널은 모두 1 이상이어야 합니다"},
    "errors.factorize_kernel": {"en": "factorizing needs an odd kernel of at least 3, got {kernel}",
                                "ko": "분해하려면 커널이 3 이상의 홀수여야 합니다(현재 {kernel})"},
    "errors.factorize_kernel_fix": {"en": "try k=5 or k=7", "ko": "k=5나 k=7로 해 보세요"},
    # ---- the layer-spec grammar (cnnlab.spec, "Build your own")
    "errors.option_not_whole": {"en": "{key} must be a whole number, got '{value}'",
                                "ko": "{key}에는 정수를 써야 합니다(현재 '{value}')"},
    "errors.option_not_whole_fix": {"en": "e.g. {key}={example}", "ko": "예: {key}={example}"},
    "errors.option_too_small": {"en": "{key} must be at least {minimum}, got {got}",
                                "ko": "{key}의 값은 {minimum} 이상이어야 합니다(현재 {got})"},
    "errors.empty_layer": {"en": "empty layer", "ko": "빈 층입니다"},
    "errors.empty_layer_fix": {"en": "remove the extra '|' or write a layer such as 'relu'",
                               "ko": "남는 '|'를 지우거나 'relu' 같은 층을 쓰세요"},
    "errors.unknown_layer": {"en": "unknown layer '{kind}'{suggest} (layers: {layers})",
                             "ko": "알 수 없는 층 '{kind}'입니다(쓸 수 있는 층: {layers}){suggest}"},
    "errors.needs_out": {"en": "{kind} needs the number of {what}", "ko": "{kind}에는 {what} 수가 필요합니다"},
    "errors.needs_out_fix": {"en": "e.g. '{kind} 16'", "ko": "예: '{kind} 16'"},
    "errors.bad_out": {"en": "the number of {what} must be a whole number of at least 1, got '{got}'",
                       "ko": "{what} 수는 1 이상의 정수여야 합니다(현재 '{got}')"},
    "errors.bad_out_fix": {"en": "e.g. '{kind} 16'", "ko": "예: '{kind} 16'"},
    "errors.pool_needs_type": {"en": "pool needs its type: write 'pool max' or 'pool avg'{got}",
                               "ko": "pool에는 종류가 필요합니다. 'pool max' 또는 'pool avg'로 쓰세요{got}"},
    "errors.no_options": {"en": "{kind} takes no options, got '{got}'", "ko": "{kind}에는 옵션이 없습니다(현재 '{got}')"},
    "errors.unexpected_token": {"en": "unexpected '{got}'", "ko": "'{got}' 부분을 읽을 수 없습니다"},
    "errors.unexpected_token_fix": {"en": "options are written key=value ({options})",
                                    "ko": "옵션은 key=value 꼴로 쓰세요({options})"},
    "errors.unknown_option": {"en": "unknown option '{key}' for {kind}{suggest} (options: {options})",
                              "ko": "{kind}에 없는 옵션 '{key}'입니다(쓸 수 있는 옵션: {options}){suggest}"},
    "errors.option_twice": {"en": "option '{key}' is given twice", "ko": "'{key}' 옵션이 두 번 나옵니다"},
    "errors.option_twice_fix": {"en": "keep one", "ko": "하나만 남기세요"},
    "errors.option_no_value": {"en": "option '{key}' has no value", "ko": "옵션 '{key}'에 값이 없습니다"},
    "errors.option_no_value_fix": {"en": "e.g. {key}=1", "ko": "예: {key}=1"},
    "errors.dropout_probability": {"en": "dropout takes a probability between 0 and 1, got '{value}'",
                                   "ko": "dropout에는 0과 1 사이의 확률을 써야 합니다(현재 '{value}')"},
    "errors.bias_value": {"en": "bias is 0 or 1, got '{value}'", "ko": "bias는 0 또는 1입니다(현재 '{value}')"},
    "errors.empty_spec": {"en": "the spec is empty", "ko": "층 목록이 비어 있습니다"},
    "errors.empty_spec_fix": {"en": "write layers separated by '|', e.g. 'conv 16 k=3 | relu'",
                              "ko": "층을 '|'로 나눠 쓰세요. 예: 'conv 16 k=3 | relu'"},
    "errors.bad_spec_input": {"en": "the input must be three whole numbers C,H,W of at least 1, e.g. 3,32,32; got {got}",
                              "ko": "입력은 1 이상의 정수 세 개 C,H,W여야 합니다(예: 3,32,32; 현재 {got})"},
    "errors.needs_image": {"en": "{kind} needs a C×H×W input but gets a vector of {features} features",
                           "ko": "{kind}에는 C×H×W 입력이 필요한데 값 {features}개짜리 벡터가 들어옵니다"},
    "errors.needs_image_fix": {"en": "put it before flatten/fc", "ko": "flatten/fc보다 앞에 두세요"},
    "errors.depends_on": {"en": "depends on layer {row}, which has a problem",
                          "ko": "{row}번 층에 문제가 있어 검사하지 못했습니다"},
    "errors.too_many_params": {
        "en": "the network would have {total} parameters, more than the {limit} that can be built here",
        "ko": "신경망의 파라미터가 {total}개가 되어, 여기서 만들 수 있는 {limit}개를 넘습니다",
    },
    "errors.too_many_params_fix": {"en": "use fewer channels or pool before this layer",
                                   "ko": "채널 수를 줄이거나 이 층 앞에서 풀링하세요"},
    "errors.bad_class_name": {"en": "'{name}' is not a valid Python class name",
                              "ko": "파이썬 클래스 이름으로 쓸 수 없습니다: '{name}'"},
    "errors.bad_class_name_fix": {"en": "use letters, digits and _", "ko": "영문자, 숫자, _만 쓰세요"},
    # ---- a whole model on an input (cnnlab.summary); the detail is one of the problems above or below
    "errors.input_too_small": {"en": "cannot run on input {input_size}: {detail}",
                               "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.input_too_small_fix": {"en": "try a larger input", "ko": "더 큰 입력을 써 보세요"},
    "errors.channel_mismatch": {"en": "cannot run on input {input_size}: {detail}",
                                "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.channel_mismatch_fix": {"en": "make the channel counts of consecutive layers match",
                                    "ko": "이어지는 층의 채널 수를 맞추세요"},
    "errors.shape_mismatch": {"en": "cannot run on input {input_size}: {detail}",
                              "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.shape_mismatch_fix": {"en": "check the input size the model expects and the layer's settings",
                                  "ko": "모델이 기대하는 입력 크기와 층의 설정을 확인하세요"},
    "errors.not_traceable": {"en": "cannot run on input {input_size}: {detail}",
                             "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.not_traceable_fix": {
        "en": "summarize follows shapes only (on the meta device), so the forward must not need tensor values "
              "(.item(), data-dependent shapes, numpy) or TorchScript",
        "ko": "summarize는 (meta 장치에서) 크기만 따라가므로, forward가 텐서의 실제 값(.item(), 값에 따라 바뀌는 크기, "
              "numpy)이나 TorchScript를 쓰지 않아야 합니다",
    },
    "errors.lazy_module": {"en": "cannot run on input {input_size}: {detail}",
                           "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.lazy_module_fix": {"en": "run one real forward first to initialize the lazy layers",
                               "ko": "먼저 실제 forward를 한 번 실행해 lazy 층을 초기화하세요"},
    "errors.bad_setting": {"en": "cannot run on input {input_size}: {detail}",
                           "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.bad_setting_fix": {"en": "change the layer's settings", "ko": "층의 설정을 바꾸세요"},
    "errors.layer_error": {"en": "cannot run on input {input_size}: {detail}",
                           "ko": "입력 {input_size}에서는 실행할 수 없습니다: {detail}"},
    "errors.layer_error_fix": {"en": "check the layer's settings", "ko": "층의 설정을 확인하세요"},
    "errors.not_a_module": {"en": "{title} is not a torch.nn.Module", "ko": "{title:은} torch.nn.Module이 아닙니다"},
    "errors.bad_input_size": {
        "en": "input size must be whole numbers of at least 1, one or a tuple such as (3, 224, 224), not {value}",
        "ko": "입력 크기는 1 이상의 정수 하나 또는 (3, 224, 224) 같은 정수 튜플이어야 합니다(현재 {value})",
    },
    "errors.d_channels": {"en": "{type} expects {expected} input channels but gets {got}",
                          "ko": "{type} 층에는 입력 채널이 {expected}개 들어와야 하는데 {got}개가 들어옵니다"},
    "errors.d_groups": {"en": "{channels} channels cannot be split into {groups} groups",
                        "ko": "채널 {channels}개는 그룹 {groups}개로 나눌 수 없습니다"},
    "errors.d_features": {"en": "Linear expects {expected} input features but gets {got}",
                          "ko": "완전 연결 층에 입력이 {expected}개 들어와야 하는데 {got}개가 들어옵니다"},
    "errors.d_pool_padding": {"en": "pooling padding {padding} is more than half the window {kernel}",
                              "ko": "풀링 패딩 {padding:이} 창 {kernel}의 절반보다 큽니다"},
    "errors.d_torchscript": {
        "en": "{name} is a TorchScript module: summarize the original nn.Module instead",
        "ko": "{name:은} TorchScript 모듈입니다. 원래의 nn.Module로 요약하세요",
    },
    # ---- feature maps of a model (cnnlab.feature_maps)
    "errors.no_such_layer": {"en": "the model has no layer '{layer}'", "ko": "모델에 '{layer}' 층이 없습니다"},
    "errors.no_feature_maps": {"en": "layer '{layer}' does not output feature maps",
                               "ko": "'{layer}' 층은 특성 맵을 내놓지 않습니다"},
    "errors.no_conv_layer": {"en": "the model has no convolution layer", "ko": "모델에 합성곱 층이 없습니다"},
    # ---- data, models, training (cnnlab.data, cnnlab.pretrained, cnnlab.models, cnnlab.train, cnnlab.degradation)
    "errors.unknown_dataset": {"en": "unknown dataset '{name}'", "ko": "알 수 없는 데이터셋 '{name}'입니다"},
    "errors.unknown_dataset_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.bundled_missing": {"en": "{path} is missing — it ships with cnnlab in assets/",
                               "ko": "{path} 파일이 없습니다. 이 파일은 cnnlab의 assets/에 들어 있어야 합니다"},
    "errors.bundled_missing_fix": {"en": "restore it from the repository", "ko": "저장소에서 다시 받아 오세요"},
    "errors.dataset_missing": {"en": "{title} is not in {root} ({error})",
                               "ko": "{title} 데이터셋이 {root}에 없습니다({error})"},
    "errors.dataset_missing_fix": {
        "en": "on a machine with internet run  {how}  and copy the folder here (or set CNNLAB_DATA to it); "
              "the bundled 'mnist10k' digits always work offline",
        "ko": "인터넷이 되는 컴퓨터에서 {how} 를 실행한 뒤 그 폴더를 이곳에 복사하세요(또는 CNNLAB_DATA를 그 폴더로 "
              "설정하세요). 내장된 'mnist10k' 숫자 데이터는 오프라인에서도 늘 쓸 수 있습니다",
    },
    "errors.subset_below_one": {"en": "subset must be at least 1 image, got {got}",
                                "ko": "부분 집합은 이미지 1장 이상이어야 합니다(현재 {got})"},
    "errors.batch_below_one": {"en": "batch size must be at least 1, got {got}",
                               "ko": "배치 크기는 1 이상이어야 합니다(현재 {got})"},
    "errors.no_bundled_model": {"en": "no bundled model '{name}'", "ko": "기본 제공 모델 '{name}'이 없습니다"},
    "errors.no_bundled_model_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.bundled_model_missing": {"en": "{file} is missing from assets/models",
                                     "ko": "assets/models에 {file} 파일이 없습니다"},
    "errors.bundled_model_missing_fix": {"en": "restore it from the repository or run: python scripts/train_bundled.py",
                                         "ko": "저장소에서 다시 받아 오거나 python scripts/train_bundled.py를 실행하세요"},
    "errors.model_not_offered": {"en": "'{name}' is not offered here", "ko": "'{name}' 모델은 여기서 쓸 수 없습니다"},
    "errors.model_not_offered_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.weights_not_cached": {
        "en": "ImageNet weights for {name} are not in the local torch cache ({cache}) and downloading is switched off",
        "ko": "{name}의 ImageNet 가중치가 로컬 torch 캐시({cache})에 없고, 내려받기도 꺼져 있습니다",
    },
    "errors.weights_offline": {
        "en": "ImageNet weights for {name} are not in the local torch cache and the internet cannot be reached",
        "ko": "{name}의 ImageNet 가중치가 로컬 torch 캐시에 없고, 인터넷에도 연결할 수 없습니다",
    },
    "errors.weights_failed": {"en": "could not load the ImageNet weights for {name}: {error}",
                              "ko": "{name}의 ImageNet 가중치를 불러오지 못했습니다: {error}"},
    "errors.weights_not_cached_fix": {"en": "to use it offline, run once with internet: {how}",
                                      "ko": "오프라인에서 쓰려면 인터넷이 될 때 한 번 실행하세요: {how}"},
    "errors.weights_offline_fix": {"en": "to use it offline, run once with internet: {how}",
                                   "ko": "오프라인에서 쓰려면 인터넷이 될 때 한 번 실행하세요: {how}"},
    "errors.weights_failed_fix": {"en": "to use it offline, run once with internet: {how}",
                                  "ko": "오프라인에서 쓰려면 인터넷이 될 때 한 번 실행하세요: {how}"},
    "errors.fetch_offline": {"en": "cannot download the ImageNet weights for {name}: the internet cannot be reached",
                             "ko": "{name}의 ImageNet 가중치를 내려받을 수 없습니다: 인터넷에 연결할 수 없습니다"},
    "errors.fetch_offline_fix": {"en": "copy {file} into {cache}, or use --from FOLDER",
                                 "ko": "{file} 파일을 {cache}에 복사하거나 --from 폴더를 쓰세요"},
    "errors.fetch_failed": {"en": "could not fetch the ImageNet weights for {name} from {url}: {error}",
                            "ko": "{url}에서 {name}의 ImageNet 가중치를 가져오지 못했습니다: {error}"},
    "errors.unknown_model": {"en": "unknown model '{name}'{suggest} (known: {known})",
                             "ko": "알 수 없는 모델 '{name}'입니다(쓸 수 있는 모델: {known}){suggest}"},
    "errors.unknown_model_option": {"en": "{name} has no option {options}; valid options: {valid}",
                                    "ko": "{name} 모델에는 {options} 옵션이 없습니다(쓸 수 있는 옵션: {valid})"},
    "errors.no_definition": {"en": "no definition of {name} in {module}", "ko": "{module}에 {name}의 정의가 없습니다"},
    "errors.bad_model_option": {"en": "{option} must be one of {choices}, got {value}",
                                "ko": "{option} 옵션은 {choices} 중 하나여야 합니다(현재 {value})"},
    "errors.cifar_depth": {"en": "CIFAR ResNet depth must be 6n+2 (8, 14, 20, 32, 44, 56, 110, …), got {depth}",
                           "ko": "CIFAR ResNet의 깊이는 6n+2(8, 14, 20, 32, 44, 56, 110, …)여야 합니다(현재 {depth})"},
    "errors.bad_widths": {"en": "widths must be three positive channel counts like (16, 32, 64), got {widths}",
                          "ko": "widths는 (16, 32, 64)처럼 1 이상의 채널 수 세 개여야 합니다(현재 {widths})"},
    "errors.unknown_device": {"en": "unknown device '{device}'", "ko": "알 수 없는 장치 '{device}'입니다"},
    "errors.unknown_device_fix": {"en": "use auto, cpu, cuda, cuda:N or mps", "ko": "auto, cpu, cuda, cuda:N, mps 중에서 쓰세요"},
    "errors.no_cuda": {"en": "device '{device}' is not available here (no CUDA GPU)",
                       "ko": "여기서는 '{device}' 장치를 쓸 수 없습니다(CUDA GPU 없음)"},
    "errors.no_cuda_fix": {"en": "use --device cpu or auto", "ko": "--device cpu 또는 auto를 쓰세요"},
    "errors.no_mps": {"en": "device '{device}' is not available here (no Apple GPU)",
                      "ko": "여기서는 '{device}' 장치를 쓸 수 없습니다(Apple GPU 없음)"},
    "errors.no_mps_fix": {"en": "use --device cpu or auto", "ko": "--device cpu 또는 auto를 쓰세요"},
    "errors.device_unsupported": {"en": "device '{device}' is not supported", "ko": "'{device}' 장치는 지원하지 않습니다"},
    "errors.device_unsupported_fix": {"en": "use auto, cpu, cuda or mps", "ko": "auto, cpu, cuda, mps 중에서 쓰세요"},
    "errors.bad_lr": {"en": "learning rate must be a positive number, got {lr}",
                      "ko": "학습률은 양수여야 합니다(현재 {lr})"},
    "errors.unknown_optimizer": {"en": "unknown optimizer '{name}'", "ko": "알 수 없는 옵티마이저 '{name}'입니다"},
    "errors.unknown_optimizer_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.unknown_schedule": {"en": "unknown schedule '{name}'", "ko": "알 수 없는 학습률 일정 '{name}'입니다"},
    "errors.unknown_schedule_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.epochs_below_one": {"en": "epochs must be at least 1, got {got}",
                                "ko": "에포크 수는 1 이상이어야 합니다(현재 {got})"},
    "errors.diverged": {
        "en": "training diverged: the loss became {loss} at epoch {epoch}, step {step} with learning rate {lr} "
              "({optimizer})",
        "ko": "훈련이 발산했습니다. 학습률 {lr}({optimizer})에서 손실이 {epoch}번째 에포크, {step}번째 스텝에 {loss}까지 "
              "커졌습니다",
    },
    "errors.diverged_fix": {"en": "the steps are too large; lower the learning rate (try {lower}) and train again",
                            "ko": "스텝이 너무 큽니다. 학습률을 낮춰서(예: {lower}) 다시 훈련하세요"},
    "errors.unknown_preset": {"en": "unknown preset '{name}'", "ko": "알 수 없는 실험 '{name}'입니다"},
    "errors.unknown_preset_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.depths_6n2": {"en": "depths must be 6n+2 (8, 14, 20, 32, 44, 56, …), got {depths}",
                          "ko": "깊이는 6n+2(8, 14, 20, 32, 44, 56, …)여야 합니다(현재 {depths})"},
    "errors.bad_result": {"en": "the saved result does not fit: {detail}",
                          "ko": "저장된 결과의 형식이 맞지 않습니다: {detail}"},
    "errors.missing_run": {"en": "result lacks the run {run} (depth, residual)",
                           "ko": "결과에 {run} 실행(깊이, 잔여 여부)이 없습니다"},
    "errors.unknown_activation": {"en": "activation must be one of {choices}, got '{name}'",
                                  "ko": "활성화 함수는 {choices} 중 하나여야 합니다(현재 '{name}')"},
    "errors.depth_below_two": {"en": "depth must be at least 2, got {depth}",
                               "ko": "깊이는 2 이상이어야 합니다(현재 {depth})"},
    # ---- attribution (cnnlab.attribution)
    "errors.window_too_big": {"en": "the occlusion window ({window} px) is larger than the image ({size} px)",
                              "ko": "가림 창({window}픽셀)이 이미지({size}픽셀)보다 큽니다"},
    "errors.window_too_big_fix": {"en": "make it at most {size}", "ko": "{size} 이하로 줄이세요"},
    "errors.stride_over_window": {
        "en": "the occlusion stride ({stride} px) is larger than the window ({window} px): the pixels between two "
              "windows would never be covered",
        "ko": "가림 창 스트라이드({stride}픽셀)가 창({window}픽셀)보다 큽니다. 두 창 사이의 픽셀은 한 번도 가려지지 "
              "않습니다",
    },
    "errors.stride_over_window_fix": {"en": "make the stride at most {window}",
                                      "ko": "스트라이드를 {window} 이하로 줄이세요"},
    "errors.unknown_method": {"en": "unknown attribution method '{method}'",
                              "ko": "알 수 없는 기여도 방법 '{method}'입니다"},
    "errors.unknown_method_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
    "errors.one_image": {"en": "expected one image [1, C, H, W], got {shape}",
                         "ko": "이미지 한 장 [1, C, H, W]가 필요한데 {shape:이} 들어왔습니다"},
    "errors.not_conv_layer": {"en": "Grad-CAM needs a convolution layer; '{layer}' is not one",
                              "ko": "Grad-CAM에는 합성곱 층이 필요한데, '{layer}' 층은 합성곱 층이 아닙니다"},
    "errors.not_conv_layer_fix": {"en": "choose one of {choices}", "ko": "{choices} 중에서 고르세요"},
}


def _fmt_int(n: int) -> str:
    from cnnlab.arithmetic import fmt_int

    return fmt_int(n)


def _word(value: Any, lang: str) -> Any:
    """One value in ``lang``: Term → its text, Quote → as is (English) or as code, numbers with separators."""
    from cnnlab import i18n
    from cnnlab.errors import Quote, Term

    if value is None:
        return ""
    if isinstance(value, Term):
        return i18n.t(value.key, lang, **word_values(dict(value.values), lang))
    if isinstance(value, Quote):
        text = value.text.replace("`", "'")
        return text if lang == "en" else f"`{text}`"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return _fmt_int(value)
    if isinstance(value, (tuple, list)):
        if value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            return "×".join(str(v) for v in value)
        return ", ".join(str(_word(v, lang)) for v in value)
    return value


def word_values(values: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """An error's values as they are shown in ``lang`` (see :func:`_word`)."""
    return {name: _word(value, lang) for name, value in values.items()}


def where_text(where: Any, lang: str) -> str | None:
    """The place of a layer error: ``layer 2 (conv 16 k=7)`` / ``2번 층(conv 16 k=7)``, ``vgg16: layer features.0 …``."""
    from cnnlab import i18n
    from cnnlab.errors import Where

    if where is None or where == "":
        return None
    if not isinstance(where, Where):
        return str(where)
    if where.index is not None:
        text = i18n.t("errors.where_row", lang, index=where.index, text=where.text or "")
    elif where.layer:
        key = "errors.where_module" if where.layer_type else "errors.where_module_untyped"
        text = i18n.t(key, lang, layer=where.layer, type=where.layer_type or "")
    else:
        text = None
    if where.model:
        return i18n.t("errors.where_model", lang, model=where.model, where=text) if text else where.model
    return text


def _sentence(text: str, lang: str) -> str:
    """Korean clauses end with a full stop (English messages stay one line of clauses, as the CLI prints them)."""
    return text if lang == "en" or not text or text.endswith((".", "?", "!")) else text + "."


def error_message(exc: BaseException, lang: str) -> str:
    """What is wrong and how to fix it, in ``lang``, without the place."""
    from cnnlab import i18n

    key = getattr(exc, "key", None)
    if isinstance(key, str) and i18n.has(key):
        fmt = getattr(exc, "values", None)
        if not isinstance(fmt, Mapping):
            fmt = getattr(exc, "fmt", None) or {}
        words = word_values(fmt, lang)
        problem = i18n.t(key, lang, **words)
        if getattr(exc, "complete", False):
            return problem
        fix_key = key + "_fix"
        if i18n.has(fix_key):
            return _sentence(i18n.t("errors.join", lang, problem=problem, fix=i18n.t(fix_key, lang, **words)), lang)
        return _sentence(problem, lang)
    from cnnlab.errors import CnnlabError

    # A cnnlab error raised the old way (an English sentence as its code), or any other exception.
    raw = exc.code if isinstance(exc, CnnlabError) else str(exc)
    text = (raw.strip() or type(exc).__name__).splitlines()[0]
    if lang == "en":
        return text
    return _sentence(i18n.t("errors.unexpected", lang, detail=_word(_quote(text), lang)), lang)


def _quote(text: str) -> Any:
    from cnnlab.errors import Quote

    return Quote(text)


def error_text(exc: BaseException, lang: str) -> str:
    """The whole message in ``lang``: the place (a layer error's row or module) and what is wrong and how to fix it."""
    from cnnlab import i18n

    message = error_message(exc, lang)
    where = where_text(getattr(exc, "where", None), lang)
    return i18n.t("errors.at", lang, where=where, message=message) if where else message
