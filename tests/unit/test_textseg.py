from lurewatch.index.textseg import query_phrases, segment


def test_latin_words_fold_case_and_diacritics() -> None:
    assert segment("Tuyển NHÂN viên, Đà Nẵng!") == "tuyen nhan vien da nang"


def test_unspaced_scripts_become_one_token_per_character() -> None:
    assert segment("高薪招聘") == "高 薪 招 聘"
    assert segment("งานด่วน") == "ง า น ด ว น"  # Thai marks vanish, base letters stay


def test_mixed_scripts_and_punctuation() -> None:
    assert segment("联系飞机@hr_asia，月薪3000") == "联 系 飞 机 hr asia 月 薪 3000"


def test_query_phrases_quotes_and_bare_words() -> None:
    assert query_phrases('招聘 "việc làm" Sihanoukville') == [["招", "聘"], ["viec", "lam"], ["sihanoukville"]]
    assert query_phrases('"" ,,') == []
