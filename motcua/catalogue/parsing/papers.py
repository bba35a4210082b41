"""What a row of 'Thành phần hồ sơ' means for the citizen: hand it in, show it, or only read it.

The national catalogue lists every row the same way ("1 bản chính"), whether it is a paper to hand in, an
identity card to show at the counter, a paper needed only in some case, a paper the agency must look up itself,
or a sentence of guidance. `meaning()` reads the row's own words (and the heading of its table) and returns:

* kind: 'submit' (hand in or upload), 'present' (show at the counter, not kept) or 'note' (guidance, never asked);
* condition: the case the row applies to, in the source's words ('' when it always applies);
* alternatives: papers accepted instead ("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản
  của người làm chứng ..." is one paper with one alternative);
* obtainable_from: the database the agency consults instead of asking (a key of DATABASES, '' otherwise);
* eform: whether the paper is a declaration or form the citizen fills in as fields (tờ khai, đơn, phiếu...);
* channels: the submission channels the row is limited to by its own words ([] = every channel).

Pure functions; rules, not guesses: when the words do not say, the defaults hold (submit, always, no database).
The accuracy of these rules on a hand-checked sample is measured in docs/catalogue-import.md.
"""

import re
import unicodedata

__all__ = ["CONSENT_DATABASES", "DATABASES", "KINDS", "meaning"]

KINDS = ("submit", "present", "note")

# The databases an agency must consult instead of asking the citizen (Law on Residence 2020, Decree
# 104/2022/NĐ-CP on residence papers, Decree 87/2020/NĐ-CP on the civil-status database, Decree 01/2021/NĐ-CP on
# business registration), each found by the names the catalogue uses for it.
DATABASES = {
    "population": ("Cơ sở dữ liệu quốc gia về dân cư", r"cơ sở dữ liệu quốc gia về dân cư|csdlqg về dân cư|csdl quốc gia về dân cư"),
    "residence": ("Cơ sở dữ liệu về cư trú", r"cơ sở dữ liệu về cư trú|thông tin về (?:nơi )?cư trú|thông tin cư trú"),
    "civil_status": ("Cơ sở dữ liệu hộ tịch điện tử", r"cơ sở dữ liệu hộ tịch"),
    "business": (
        "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp",
        r"(?:cơ sở dữ liệu|hệ thống thông tin) quốc gia về đăng ký doanh nghiệp",
    ),
    "land": ("Cơ sở dữ liệu đất đai", r"cơ sở dữ liệu (?:quốc gia về )?đất đai"),
    "insurance": ("Cơ sở dữ liệu quốc gia về bảo hiểm", r"cơ sở dữ liệu quốc gia về bảo hiểm"),
    # The electronic health-record pilot (motcua/health_pilot): set on the pilot's papers, not read from the rows.
    "health_records": ("Nguồn dữ liệu y tế (thí điểm hồ sơ sức khỏe điện tử)", r"hồ sơ sức khỏe điện tử"),
}
# Sources the agency may read only with the citizen's consent: their papers stay asked unless the dossier
# brings them from the source (Component.required).
CONSENT_DATABASES = frozenset({"health_records"})
# The row says the agency looks the information up (or that the citizen need not hand it in when it can).
_LOOKUP_RE = re.compile(
    r"khai thác|tra cứu|trích xuất|đã có trong|điền tự động|chia sẻ|kết nối|không phải (?:nộp|xuất trình|tải lên|cung cấp)",
    re.IGNORECASE,
)
# Decree 104/2022/NĐ-CP: papers proving residence are no longer asked; the agency reads the residence data.
_RESIDENCE_PAPER_RE = re.compile(
    r"sổ hộ khẩu|sổ tạm trú|giấy tờ (?:có giá trị )?chứng minh (?:thông tin về |về )?(?:nơi )?cư trú|"
    r"xác nhận (?:thông tin về )?cư trú",
    re.IGNORECASE,
)

_BULLET_RE = re.compile(
    r"^(?:[-+*•–]+|\(?\d+(?:\.\d+)*[.)]|\([ivx]+\)|\(?[a-zđ]\)|[a-zđ]\.\d*\.?)\s*", re.IGNORECASE
)
_CASE = r"(?:trong trường hợp|đối với trường hợp|trường hợp|nếu|đối với)"
_LEADING_CASE_RE = re.compile(rf"^{_CASE}\b", re.IGNORECASE)
# "...; trường hợp không có Giấy chứng sinh thì nộp văn bản ...": a paper accepted instead of the one before.
_ALTERNATIVE_RE = re.compile(
    r"[;,.]?\s*\(?(?:trong trường hợp|trường hợp|nếu)\s+không\s+(?:có|được|thể|cung cấp được)\b[^;]*?\bthì\s+"
    r"(?:phải\s+)?(?:nộp|có|xuất trình|cung cấp|thay bằng)?\s*([^;()]+)\)?",
    re.IGNORECASE,
)
# A case inside the row: "(nếu có)", "trong trường hợp ủy quyền ...", "đối với trường hợp người khuyết tật".
_INNER_CASE_RE = re.compile(
    r"\(\s*((?:nếu|trong trường hợp|trường hợp|đối với|áp dụng)\b[^()]*)\)"
    r"|\b((?:trong trường hợp|đối với trường hợp|trường hợp|nếu|đối với (?:công trình|trẻ em|người|hộ gia đình))\b[^;()]*)",
    re.IGNORECASE,
)
_NOT_NEEDED_RE = re.compile(r"\bkhông (?:phải|cần)\b|được miễn|miễn nộp", re.IGNORECASE)
_GUIDANCE_START_RE = re.compile(
    r"^(?:lưu ý|ghi chú|số lượng|chưa có quy định|người tiếp nhận|cơ quan (?:đăng ký|tiếp nhận|giải quyết|có thẩm quyền)"
    r"|việc\s|bản chụp các giấy tờ)",
    re.IGNORECASE,
)
_EFORM_RE = re.compile(
    r"^(?:\d+\s+)?(?:tờ khai|bản khai|đơn\b|mẫu đơn|mẫu (?:hộ tịch )?điện tử|phiếu (?:đề nghị|đăng ký|yêu cầu|khai|thu thập)"
    r"|giấy đề nghị|văn bản đề nghị|biểu mẫu|tờ đăng ký|bản đăng ký|đề nghị khai báo|nội dung khai báo)",
    re.IGNORECASE,
)
_CHANNEL_WORDS = {"online": r"trực tuyến", "direct": r"trực tiếp", "postal": r"bưu chính"}


def meaning(name, *, originals=0, copies=0, heading_condition="", heading_notes="", counted=True, form_hint=False):
    """Return {kind, condition, alternatives, obtainable_from, eform, channels} for one row.

    `heading_condition`/`heading_notes` come from the heading of the row's table ("Trường hợp ủy quyền...:",
    "* Giấy tờ phải xuất trình:", "Lưu ý:"); `counted` is False when the source gives no count (a count of 0 is
    then not a sign of a note); `form_hint` is the source's own flag of a declaration (an electronic form).
    """
    text = _plain(name)
    kind = _kind(text, _first_sentence(_without_asides(text)), originals, copies, heading_notes, counted)
    if kind == "note":
        return {"kind": "note", "condition": "", "alternatives": [], "obtainable_from": "", "eform": False,
                "channels": []}
    alternatives, rest = _alternatives(text, _first_sentence(text))
    case = _condition(rest) or ("" if heading_condition.strip() else _authorisation(rest))
    condition = "; ".join(c for c in (heading_condition.strip(), case) if c)
    return {
        "kind": kind,
        "condition": condition,
        "alternatives": alternatives,
        "obtainable_from": obtainable_from(text),
        "eform": kind == "submit" and (form_hint or bool(_EFORM_RE.match(text))),
        "channels": _channels(condition),
    }


_GENERIC_HEADING_RE = re.compile(
    r"^(?:\W*(?:[a-zđ]|\d+)[.)]\s*)?(?:các |\* )?(?:giấy tờ (?:phải )?(?:nộp|xuất trình)|thành phần hồ sơ|hồ sơ\b|lưu ý"
    r"|ghi chú|người yêu cầu|số lượng|bộ hồ sơ|trường hợp ủy quyền thực hiện thủ tục hành chính:?$)"
    r"|nộp (?:\d+|một|01)[^:]{0,40}bộ hồ sơ",
    re.IGNORECASE,
)


def is_generic_heading(heading):
    """A heading that names no case: 'Giấy tờ phải nộp:', 'Hồ sơ đăng ký tạm trú gồm:', 'Lưu ý:'."""
    return bool(_GENERIC_HEADING_RE.search(unicodedata.normalize("NFC", heading).strip()))


def heading_condition(heading):
    """The case a table heading names, without its lead-in: 'Trường hợp ủy quyền thực hiện thủ tục thì hồ sơ
    phải kèm theo ...' → 'Trường hợp ủy quyền thực hiện thủ tục'; '..., hồ sơ gồm:' → '...'."""
    text = re.split(r"\s+thì\s+", unicodedata.normalize("NFC", heading).strip(), maxsplit=1)[0]
    text = re.sub(r"[,;]?\s*(?:thành phần )?hồ sơ (?:bao )?gồm(?: các giấy tờ sau)?\s*:?\s*$", "", text, flags=re.IGNORECASE)
    return text.strip(" :;,.")


def _plain(name):
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name or "")).strip()  # some rows are decomposed
    for _ in range(2):
        text = _BULLET_RE.sub("", text).strip()
    return text


def _without_asides(text):
    """The row without its bracketed asides ('(người được ủy quyền phải xuất trình ...)'), to read its demand."""
    return re.sub(r"\([^()]*\)", "", text).strip()


def _first_sentence(text):
    """The row up to its first full stop followed by a capital: later sentences are explanations."""
    m = re.search(r"(?<!\d)\.\s+(?=[A-ZĐÀ-Ỹ])", text)
    return text[: m.start()] if m else text


# What a case asks of the citizen ("thì phải có văn bản ..."); a case that asks none of it is guidance.
_ASKS_RE = re.compile(
    r"\bnộp\b|phải có|kèm theo|bổ sung|cung cấp|xuất trình|tải lên|bản sao|bản chính|văn bản|giấy|hợp đồng|biên bản"
    r"|tờ khai|\bđơn\b",
    re.IGNORECASE,
)
_PAPER_START_RE = re.compile(
    r"^(?:giấy|bản sao|bản chính|văn bản|hộ chiếu|sổ|thẻ|hợp đồng|tờ khai|đơn\b|quyết định|biên bản|chứng)",
    re.IGNORECASE,
)


def _kind(text, first, originals, copies, heading_notes, counted):
    heading = heading_notes.lower()
    if heading.lstrip("*-+ ").startswith(("lưu ý", "ghi chú", "chú ý")):
        return "note"
    if text.endswith(":") or _GUIDANCE_START_RE.match(text) or "chịu trách nhiệm trước pháp luật" in first:
        return "note"
    if counted and originals == 0 and copies == 0 and not _PAPER_START_RE.match(text):
        return "note"  # "... 0 bản chính": guidance written into the table, unless the row names a paper
    if _LEADING_CASE_RE.match(first):
        consequence = re.split(r"\bthì\b", first, maxsplit=1)
        if len(consequence) == 2 and (_NOT_NEEDED_RE.search(consequence[1]) or not _ASKS_RE.search(consequence[1])):
            return "note"  # "Trường hợp ... thì không phải nộp ...", "... thì việc ủy quyền thực hiện theo mục (ii)"
    lower = first.lower()
    if "xuất trình" in heading and "nộp" not in heading:
        return "present"
    if re.match(r"^(?:phải )?xuất trình\b", lower) or (
        "phải xuất trình" in lower and not re.search(r"\bnộp\b|bản sao|tải lên", lower)
    ):
        return "present"
    return "submit"


_ONE_OF_RE = re.compile(r"(?:một|01) trong (?:các|những|số các) (?:loại )?giấy tờ(?: sau(?: đây)?)?\s*:?\s*", re.IGNORECASE)


def _alternatives(text, first):
    """Return (papers accepted instead, the part of the row that may still name a case)."""
    one_of = _ONE_OF_RE.search(text)
    if one_of:  # "Một trong các giấy tờ sau: Căn cước điện tử; bản chính hoặc bản sao của Thẻ căn cước ..."
        items = [i.strip(" .;,") for i in re.split(r"\s\+\s|;\s*", text[one_of.end():])]
        items = [i for i in items if len(i) > 3]
        return items[1:], "" if one_of.start() == 0 else _first_sentence(text[: one_of.start()])
    found = [m for m in _ALTERNATIVE_RE.finditer(text) if m.start() > 0]
    return [m.group(1).strip(" .,") for m in found if m.group(1).strip(" .,")], _ALTERNATIVE_RE.sub(
        lambda m: m.group(0) if m.start() == 0 else "", first
    )


def _condition(sentence):
    if _LEADING_CASE_RE.match(sentence):
        parts = re.split(r"\bthì\b", sentence, maxsplit=1)
        if len(parts) == 1:
            parts = re.split(r":|,|\bphải\b|\bcần\b|\bnộp\b|\bkèm theo\b", sentence, maxsplit=1)
        return parts[0].strip(" ,;") if len(parts) == 2 else ""
    for m in _INNER_CASE_RE.finditer(sentence):
        case = (m.group(1) or m.group(2)).strip(" ,;.")
        if re.search(r"\bthì\b", case) or sentence[max(0, m.start() - 4) : m.start()].lower().strip() == "trừ":
            continue  # a side rule ("(Trường hợp nộp bản chụp thì ...)") or an exception ("trừ trường hợp ...")
        return case
    return ""


def _authorisation(sentence):
    """An authorisation paper applies when someone is authorised: 'Văn bản ủy quyền yêu cầu cấp Phiếu ...'."""
    m = re.match(r"^(?:bản sao )?(?:văn bản|giấy|hợp đồng) (ủy quyền|uỷ quyền)\b([^,;()]*)", sentence, re.IGNORECASE)
    return f"{m.group(1)}{m.group(2)}".strip() if m else ""


def obtainable_from(text):
    """The key of the database the row says the agency consults (the first it names), or, per Decree
    104/2022/NĐ-CP, 'residence' for a paper that proves residence; '' otherwise."""
    lower = (text or "").lower()
    if _LOOKUP_RE.search(lower):
        named = [(m.start(), key) for key, (_, pattern) in DATABASES.items() for m in [re.search(pattern, lower)] if m]
        if named:
            return min(named)[1]
    if _RESIDENCE_PAPER_RE.search(lower[:80]):
        return "residence"
    return ""


def _channels(condition):
    lower = condition.lower()
    if not re.search(r"hình thức|nộp hồ sơ|gửi hồ sơ|qua hệ thống", lower):
        return []
    return [kind for kind, pattern in _CHANNEL_WORDS.items() if re.search(pattern, lower)]
