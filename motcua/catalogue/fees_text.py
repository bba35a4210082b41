"""Fee items as editable lines of text (the admin's fee field): 'amount; kind; set_by; appraisal; description'."""

from .models import FeeItem

KINDS = {"phí": FeeItem.Kind.FEE, "phi": FeeItem.Kind.FEE, "lệ phí": FeeItem.Kind.CHARGE,
         "le phi": FeeItem.Kind.CHARGE, "không thu": FeeItem.Kind.NONE, "mien phi": FeeItem.Kind.NONE,
         "miễn phí": FeeItem.Kind.NONE}
YES = {"có", "co", "x", "1", "yes"}


def fees_to_text(fees):
    lines = []
    for f in fees:
        amount = "" if f.amount is None else str(f.amount)
        lines.append("; ".join([amount, f.get_kind_display().lower(), f.set_by, "có" if f.appraisal else "không",
                                f.description]))
    return "\n".join(lines)


def text_to_fees(text):
    """Parse the lines back into FeeItem field dicts; raise ValueError with a Vietnamese message on bad input."""
    fees = []
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";", 4)] + [""] * 5
        amount_text, kind, set_by, appraisal, description = parts[:5]
        digits = amount_text.replace(".", "").replace(",", "").replace("đ", "").strip()
        if digits and not digits.isdigit():
            raise ValueError(f"Dòng {n}: số tiền «{amount_text}» không hợp lệ.")
        if kind.lower() not in KINDS:
            raise ValueError(f"Dòng {n}: loại phải là «phí», «lệ phí» hoặc «không thu».")
        if set_by not in FeeItem.SetBy.values:
            raise ValueError(f"Dòng {n}: thẩm quyền phải là mof, hdnd hoặc unknown.")
        fees.append({"amount": int(digits) if digits else None, "kind": KINDS[kind.lower()], "set_by": set_by,
                     "appraisal": appraisal.lower() in YES, "description": description})
    return fees
