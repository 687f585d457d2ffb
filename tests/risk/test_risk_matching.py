from __future__ import annotations

from lurewatch.risk.matching import Vocabulary, distinct_quotes, negated, normalize

VOC = Vocabulary(
    {
        "place": ["KK Park", "西港", "Bavet"],
        "abroad": ["Cambodia", "西港"],
        "urgent": ["urgent", "urgent hiring"],
    }
)


def test_latin_terms_need_word_boundaries() -> None:
    assert "place" not in VOC.scan(normalize("Bavetto and kkparking"))
    assert [h.quote for h in VOC.scan(normalize("To BAVET!"))["place"]] == ["bavet"]


def test_latin_term_next_to_cjk_is_a_word() -> None:
    assert [h.quote for h in VOC.scan(normalize("在KK Park园区"))["place"]] == ["kk park"]


def test_spacing_inside_a_term_is_free() -> None:
    assert VOC.scan(normalize("kkpark")) and VOC.scan(normalize("KK\n  Park"))


def test_term_in_several_categories_and_longest_first() -> None:
    hits = VOC.scan(normalize("西港 urgent hiring now"))
    assert set(hits) == {"place", "abroad", "urgent"}
    assert [h.quote for h in hits["urgent"]] == ["urgent hiring"]


def test_distinct_quotes_drop_contained_ones() -> None:
    hits = VOC.scan(normalize("urgent hiring. URGENT. Urgent hiring"))["urgent"]
    assert distinct_quotes(hits) == ["urgent hiring"]


def test_negation_is_sentence_local() -> None:
    text = normalize("We never keep passports. Bring your passport.")
    assert negated(text, text.index("passports"))
    assert not negated(text, text.index("bring"))
