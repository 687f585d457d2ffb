import pytest

from lurewatch.parse.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("高薪招聘客服，包吃住，联系飞机", "zh"),
        ("รับสมัครพนักงานด่วน ไม่ต้องมีประสบการณ์", "th"),
        ("ជ្រើសរើសបុគ្គលិក ប្រាក់ខែខ្ពស់", "km"),
        ("ဝန်ထမ်းခေါ်ယူနေပါသည်", "my"),
        ("We are hiring customer service agents for our office in Phnom Penh.", "en"),
        ("Tuyển nhân viên chăm sóc khách hàng tại Campuchia, không cần kinh nghiệm.", "vi"),
        ("Lowongan kerja customer service, tanpa pengalaman, gaji tinggi dan tiket pesawat gratis.", "id"),
    ],
)
def test_detects_the_regions_languages(text: str, lang: str) -> None:
    assert detect_language("", text) == lang


def test_declared_language_wins_and_empty_text_is_unknown() -> None:
    assert detect_language("zh-CN", "English words only") == "zh"
    assert detect_language("", "  ") == ""
