"""One Korean voice: every Korean string uses the glossary's term for a concept, one register, no blind particles."""
from __future__ import annotations

import re

import pytest

from cnnlab import i18n
from cnnlab.i18n.glossary import GLOSSARY

KOREAN = {key: texts["ko"] for key, texts in i18n.strings().items() if not key.startswith("glossary.")}
ENGLISH = {key: texts["en"] for key, texts in i18n.strings().items() if not key.startswith("glossary.")}

# Keys whose Korean may leave out a concept the English names, with the reason (reviewed one by one).
NOT_NAMED = {
    ("conv_arithmetic.pool_pad_avg", "padding"): "패딩 is named; “pads with zeros” is 0으로 패딩",
    ("exercises.factorize.prompt_single", "channel"): "“{c}채널에서” — the counter form of 채널",
}


def _name(text: str) -> str:
    return text[:60].replace("\n", " ")


def test_the_glossary_is_well_formed():
    for concept, entry in GLOSSARY.items():
        assert entry["en"] and entry["ko"], concept
        assert entry["ko"] not in entry["ko_avoid"], concept
        for pattern in (entry.get("en_pattern"),):
            if pattern:
                re.compile(pattern)
    assert i18n.t("glossary.feature_map", "ko") == "특성 맵"


def test_no_korean_string_uses_an_avoided_variant():
    found = [(key, concept, variant) for key, text in KOREAN.items() for concept, entry in GLOSSARY.items()
             for variant in entry["ko_avoid"] if variant in text]
    assert found == []


def test_a_concept_named_in_english_is_named_with_the_glossary_term_in_korean():
    missing = []
    for concept, entry in GLOSSARY.items():
        pattern = entry.get("en_pattern")
        if not pattern:
            continue
        term = entry.get("ko_pattern", entry["ko"])
        for key, text in ENGLISH.items():
            plain = re.sub(r"`[^`]*`|\{[^}]*\}", "", text)  # code and placeholders are not prose
            if re.search(pattern, plain, re.IGNORECASE) and term not in KOREAN[key] \
                    and (key, concept) not in NOT_NAMED:
                missing.append((key, concept, _name(KOREAN[key])))
    assert missing == []


@pytest.mark.parametrize("word, form, particle", [
    ("필터", "을/를", "를"), ("채널", "을/를", "을"), ("28×28", "으로/로", "로"), ("3", "으로/로", "으로"),
    ("7", "으로/로", "로"), (60, "이/가", "이"), ("1,000", "으로/로", "으로"), ("Conv2d", "은/는", "는"),
    ("Linear", "이/가", "가"), ("VGG-16", "와/과", "과"), ("ResNet", "은/는", "은"), ("10", "와/과", "과"),
])
def test_particles_follow_the_last_sound_of_the_word(word, form, particle):
    assert i18n.josa(word, form) == particle


def test_a_placeholder_can_carry_its_particle():
    assert i18n.t("training_lab.custom_classes", "ko", out=5, dataset="MNIST", classes=10).count("fc 10으로") == 1
    assert "fc 3으로" in i18n.t("training_lab.custom_classes", "ko", out=5, dataset="MNIST", classes=3)
    assert "fc 2로" in i18n.t("training_lab.custom_classes", "ko", out=5, dataset="MNIST", classes=2)


def test_no_korean_string_hedges_a_particle():
    hedged = re.compile(r"\(으\)로|\(이\)가|이\(가\)|은\(는\)|는\(은\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(이\)")
    assert [key for key, text in KOREAN.items() if hedged.search(text)] == []


def test_no_particle_follows_a_placeholder_blindly():
    """``{n}으로`` is wrong for n = 2 (2로); the particle goes into the placeholder (``{n:으로}``) instead."""
    blind = re.compile(r"\{\w+(?:![rsa])?(?::[^}가-힣]*)?\}(이|가|은|는|을|를|와|과|으로|로)(?=[\s.,:;)!?—·]|$)")
    assert [(key, _name(text)) for key, text in KOREAN.items() if blind.search(text)] == []


def test_a_particle_follows_the_closing_quote_not_the_word_inside():
    """``'{word:을}'`` would print 'conv를'; a quoted or bracketed value takes no particle at all."""
    inside = re.compile(r"\{\w+:[^}]*(이|가|은|는|을|를|와|과|로)\}['’”)\]]")
    assert [key for key, text in KOREAN.items() if inside.search(text)] == []


def test_korean_is_written_in_one_register():
    """Sentences end in -ㅂ니다 (합니다체); requests in -세요 and questions in -까요? are the same polite register.
    No 해요체 statements (-어요. -예요. -죠.) and no plain -다. endings in running text."""
    casual = re.compile(r"(?<!세)요[.!]|죠[.!?]|(?<![니])다\.(?:\s|$)")
    assert [(key, _name(text)) for key, text in KOREAN.items() if casual.search(text)] == []
