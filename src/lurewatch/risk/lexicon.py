"""Multilingual red-flag vocabulary, data only.

Languages: English, Chinese (simplified, plus traditional where it differs), Thai, Vietnamese
(with and without diacritics, since ads are often typed without them), Indonesian/Malay, and a few
Burmese (Unicode, not Zawgyi) and Khmer terms. Terms are matched case-free after NFKC; see
``matching.compile_terms``. Short or everyday words that would fire on ordinary pages are left out
on purpose (Thai "ด่วน" alone is also "expressway", Chinese "老街" is also a street name).
"""

from __future__ import annotations

NO_EXPERIENCE = (
    # English
    "no experience needed", "no experience required", "no experience necessary",
    "no experience is needed", "no experience is required", "no prior experience",
    "no previous experience", "no work experience", "experience not required",
    "experience not needed", "zero experience", "no skills required", "no skills needed",
    "no experience? no problem", "without experience",
    # Chinese
    "无需经验", "不需要经验", "无经验要求", "经验不限", "零经验", "无需工作经验",
    "不需要工作经验", "无经验可", "小白可做", "小白也可", "無需經驗", "不需要經驗", "經驗不限", "零經驗",
    # Thai
    "ไม่ต้องมีประสบการณ์", "ไม่จำเป็นต้องมีประสบการณ์", "ไม่มีประสบการณ์ก็ได้",
    "ไม่มีประสบการณ์ก็สมัครได้", "ไม่ต้องใช้ประสบการณ์",
    # Vietnamese
    "không cần kinh nghiệm", "không yêu cầu kinh nghiệm", "chưa có kinh nghiệm",
    "khong can kinh nghiem", "khong yeu cau kinh nghiem", "chua co kinh nghiem",
    # Indonesian / Malay
    "tanpa pengalaman", "tidak perlu pengalaman", "tidak butuh pengalaman",
    "tidak perlu berpengalaman", "tidak harus berpengalaman", "tiada pengalaman",
    # Burmese: "experience not needed"
    "အတွေ့အကြုံမလို", "အတွေ့အကြုံ မလို",
    # Khmer: "experience not needed / not required"
    "មិនត្រូវការបទពិសោធ", "មិនចាំបាច់មានបទពិសោធ", "មិនទាមទារបទពិសោធ",
)

NO_QUALIFICATION = (
    "no degree required", "no degree needed", "no education required", "no diploma required",
    "any education", "no qualification", "no qualifications",
    "学历不限", "不限学历", "無學歷要求", "学历无要求", "學歷不限",
    "ไม่จำกัดวุฒิ",
    "không yêu cầu bằng cấp", "không cần bằng cấp", "khong can bang cap",
    "tanpa ijazah", "tidak perlu ijazah", "pendidikan bebas",
)

EASY_HIGH_PAY = (
    "easy job high salary", "easy job high pay", "easy work high pay", "easy work high salary",
    "easy money", "high salary easy job", "high pay easy work",
    "轻松高薪", "高薪轻松", "轻松月入", "輕鬆高薪",
    "งานสบายรายได้ดี", "งานง่ายรายได้ดี", "งานสบาย รายได้ดี", "งานง่าย รายได้ดี", "งานสบายเงินดี",
    "việc nhẹ lương cao", "viec nhe luong cao", "việc nhẹ, lương cao",
    "kerja santai gaji besar", "kerja santai gaji tinggi", "kerja ringan gaji besar",
    "kerja ringan gaji tinggi",
)

FREE_TRAVEL = (
    # English
    "free flight", "free flights", "free air ticket", "free air tickets", "free airfare",
    "free plane ticket", "air ticket provided", "air tickets provided",
    "flight ticket provided", "flight tickets provided", "air ticket covered", "flights covered",
    "flight paid by company", "free visa", "visa provided", "visa will be provided",
    "visa arranged", "free accommodation", "accommodation provided", "free housing",
    "free food and accommodation", "free board and lodging", "free dormitory",
    # Chinese
    "包机票", "报机票", "报销机票", "包来回机票", "免费机票", "包签证", "包食宿", "包吃住",
    "包吃包住", "免费住宿", "包機票", "報銷機票", "包簽證", "免費機票",
    # Thai
    "ตั๋วเครื่องบินฟรี", "ฟรีตั๋วเครื่องบิน", "ออกค่าตั๋วเครื่องบินให้", "ออกค่าเดินทางให้",
    "ที่พักฟรี", "ฟรีที่พัก", "มีที่พักให้", "อาหารฟรี", "ฟรีอาหาร", "ทำวีซ่าให้", "ฟรีวีซ่า",
    # Vietnamese
    "bao vé máy bay", "miễn phí vé máy bay", "hỗ trợ vé máy bay", "bao ăn ở", "bao ăn, ở",
    "bao ăn ngủ", "bao visa", "lo visa", "miễn phí chỗ ở",
    "bao ve may bay", "mien phi ve may bay", "ho tro ve may bay", "bao an o",
    # Indonesian / Malay
    "tiket pesawat gratis", "gratis tiket pesawat", "tiket pesawat ditanggung",
    "tiket ditanggung", "mess gratis", "gratis mess", "akomodasi gratis", "visa ditanggung",
    "tempat tinggal gratis", "makan gratis", "penginapan percuma", "tiket kapal terbang percuma",
    # Khmer: "free plane ticket", "free lodging"
    "សំបុត្រយន្តហោះឥតគិតថ្លៃ", "ស្នាក់នៅឥតគិតថ្លៃ",
)

# Canonical place name -> spellings. Bare names of large regions or everyday words are avoided
# ("Golden Triangle" alone is a Thai tourist spot; the SEZ and its casino are specific).
COMPOUND_LOCATIONS: dict[str, tuple[str, ...]] = {
    "Sihanoukville": (
        "sihanoukville", "preah sihanouk", "sihanouk ville", "kampong som",
        "西港", "西哈努克港", "西哈努克城", "西哈努克省",
        "สีหนุวิลล์", "พระสีหนุ",
        "xihanouk", "xi-ha-núc",
        "ក្រុងព្រះសីហនុ", "ខេត្តព្រះសីហនុ",
    ),
    "Myawaddy": ("myawaddy", "myawadi", "妙瓦底", "苗瓦底", "เมียวดี", "မြဝတီ"),
    "KK Park": ("kk park", "kk园区", "kk園區", "เคเคพาร์ค", "เคเค พาร์ค"),
    "Shwe Kokko": (
        "shwe kokko", "yatai new city", "亚太城", "亞太城", "亚太新城",
        "ชเวโก๊กโก่", "ชเวโกกโก่", "ရွှေကုက္ကို",
    ),
    "Golden Triangle SEZ": (
        "golden triangle sez", "golden triangle special economic zone", "gtsez",
        "kings romans", "kings roman", "金三角", "金木棉",
        "เขตเศรษฐกิจพิเศษสามเหลี่ยมทองคำ", "คิงส์โรมันส์",
        "tam giác vàng", "tam giac vang", "ရွှေတြိဂံ",
    ),
    "Bavet": ("bavet", "巴域", "巴韦", "บาเวต", "បាវិត"),
    "Poipet": ("poipet", "波贝", "波貝", "ปอยเปต", "ប៉ោយប៉ែត"),
    "Laukkaing": ("laukkaing", "laukkai", "果敢老街", "လောက်ကိုင်"),
    "Northern Myanmar": ("缅北", "緬北"),
}

LOWSKILL_JOBS = (
    # English
    "typing job", "typing jobs", "typist", "customer service", "customer support",
    "online marketing", "internet marketing", "game promoter", "game promoters",
    "game promotion", "data entry", "chat support", "chat agent", "chat operator",
    "telemarketing", "telesales", "online sales", "online admin", "admin online",
    # Chinese
    "打字员", "打字員", "客服", "网络营销", "网络推广", "网推", "游戏推广", "遊戲推廣",
    "数据录入", "录入员", "电销", "網絡營銷", "網路行銷",
    # Thai
    "พิมพ์งาน", "แอดมินออนไลน์", "แอดมิน", "บริการลูกค้า", "การตลาดออนไลน์", "คีย์ข้อมูล",
    "เทเลเซลล์",
    # Vietnamese
    "đánh máy", "nhập liệu", "chăm sóc khách hàng", "cskh", "marketing online",
    "tiếp thị trực tuyến", "sale online", "chạy quảng cáo", "trực page",
    "danh may", "nhap lieu", "cham soc khach hang",
    # Indonesian / Malay
    "entri data", "input data", "layanan pelanggan", "pemasaran online", "operator chat",
    "khidmat pelanggan",
)

# Moving abroad as seen from the source countries of victims (so not Thailand/Malaysia, whose own
# job boards we crawl); the compound locations above count as abroad too.
ABROAD = (
    "abroad", "overseas", "relocate", "relocation", "relocating", "work in cambodia",
    "cambodia", "myanmar", "burma", "laos", "lao pdr", "dubai",
    "出国", "海外", "国外", "境外", "柬埔寨", "缅甸", "老挝", "迪拜", "出國", "國外", "緬甸", "寮國",
    "ต่างประเทศ", "กัมพูชา", "ประเทศพม่า", "เมียนมา", "ประเทศลาว", "สปป.ลาว", "ดูไบ",
    "nước ngoài", "xuất khẩu lao động", "campuchia", "lào", "nuoc ngoai", "xuat khau lao dong",
    "luar negeri", "kamboja",
    "နိုင်ငံခြား", "បរទេស",
)

URGENCY = (
    "urgent", "urgently", "urgent hiring", "limited slots", "limited places", "limited seats",
    "limited vacancies", "limited positions", "few slots left", "hiring immediately",
    "急招", "急聘", "紧急招聘", "名额有限", "速招", "急缺", "緊急招聘", "名額有限",
    "รับสมัครด่วน", "ด่วนมาก", "ต้องการด่วน", "งานด่วน", "รับด่วน", "จำนวนจำกัด",
    "tuyển gấp", "cần gấp", "số lượng có hạn", "tuyen gap", "can gap", "so luong co han",
    "dibutuhkan segera", "butuh segera", "dicari segera", "butuh cepat", "kuota terbatas",
    "lowongan terbatas", "tempat terhad",
    "ត្រូវការបន្ទាន់",
)

# Tokens that on a job ad mean pay in crypto (TRC20 is the Tron USDT network these ads favour).
CRYPTO_PAYMENT = (
    "usdt", "trc20", "trc-20", "tether", "paid in crypto", "salary in crypto",
    "paid in bitcoin", "salary in bitcoin", "paid in usdt", "crypto salary",
    "泰达币", "泰達幣", "u结算", "币结算", "虚拟币结算", "虛擬幣",
    "เงินเดือนเป็นคริปโต", "trả lương bằng usdt", "trả lương bằng tiền ảo", "gaji dalam kripto",
)
WALLET_TYPES = frozenset({"btc_address", "eth_address", "tron_address"})

PASSPORT = (
    "bring your passport", "bring passport", "bring your original passport",
    "hand over your passport", "surrender your passport", "submit your original passport",
    "submit your passport", "passport will be kept", "passport will be held",
    "company will keep your passport", "company keeps your passport", "keep your passport",
    "passport kept by", "passport held by", "only need a passport", "only need passport",
    "just need a passport", "passport only",
    "带护照", "带好护照", "上交护照", "护照交给", "护照由公司保管", "公司保管护照", "扣押护照",
    "扣护照", "只需护照", "有护照即可", "帶護照", "上交護照", "護照由公司保管", "扣押護照",
    "นำพาสปอร์ตมา", "ส่งพาสปอร์ต", "ยึดพาสปอร์ต", "เก็บพาสปอร์ต", "มีแค่พาสปอร์ต",
    "mang theo hộ chiếu", "nộp hộ chiếu", "giữ hộ chiếu", "chỉ cần hộ chiếu",
    "chỉ cần có hộ chiếu", "mang theo ho chieu", "nop ho chieu", "giu ho chieu",
    "chi can ho chieu", "chi can co ho chieu",
    "bawa paspor", "serahkan paspor", "paspor ditahan", "paspor disimpan", "cukup paspor",
    "hanya perlu paspor", "cukup bawa paspor",
    "ប្រគល់លិខិតឆ្លងដែន",
)

FORUM_WARNING = (
    # English
    "scam", "scams", "scammer", "scammers", "scammed", "trafficked", "trafficking",
    "trafficker", "traffickers", "held captive", "held hostage", "held against",
    "held in a compound", "held in the compound", "rescued", "escaped from", "forced to scam",
    "forced labor", "forced labour", "sold to a compound", "fake job", "fake recruiter",
    "fake agency", "beware",
    # Chinese ("猪仔" is the slang for people sold into compounds)
    "被骗", "诈骗", "骗子", "被卖", "被扣押", "解救", "逃出来", "人口贩卖", "猪仔",
    "被騙", "詐騙", "騙子", "被賣", "豬仔",
    # Thai
    "ถูกหลอก", "หลอกลวง", "แก๊งคอลเซ็นเตอร์", "ค้ามนุษย์", "ถูกขัง", "ถูกกักขัง", "มิจฉาชีพ",
    # Vietnamese
    "lừa đảo", "bị lừa", "bị bán", "buôn người", "giải cứu", "bị giam", "trốn thoát",
    "lua dao", "bi lua", "bi ban", "buon nguoi", "giai cuu",
    # Indonesian / Malay
    "penipuan", "ditipu", "tppo", "perdagangan orang", "disekap", "diselamatkan", "penipu",
    # Burmese: "cheat", "human trafficking"
    "လိမ်လည်", "လူကုန်ကူး",
    # Khmer: "fraud", "deceive", "human trafficking"
    "ឆបោក", "បោកប្រាស់", "ជួញដូរមនុស្ស",
)

# Domains of free mailboxes: an address there is no evidence of a company behind the ad.
FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "icloud.com", "me.com", "aol.com", "msn.com", "live.com",
        "proton.me", "protonmail.com", "mail.ru", "zoho.com", "tutanota.com", "qq.com",
        "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "aliyun.com",
    }
)
FREEMAIL_PROVIDERS = frozenset(
    {"yahoo", "ymail", "rocketmail", "hotmail", "outlook", "live", "gmx", "yandex"}
)
MESSENGER_TYPES = ("telegram", "whatsapp", "wechat", "line")
MESSENGER_NAMES = {
    "telegram": "Telegram", "whatsapp": "WhatsApp", "wechat": "WeChat", "line": "LINE",
}
