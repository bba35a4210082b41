def format_vnd(amount: int | None) -> str:
    """Format an amount of đồng the Vietnamese way: 1500000 -> '1.500.000 đ'."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,} đ".replace(",", ".")
