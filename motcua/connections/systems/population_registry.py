"""Cơ sở dữ liệu quốc gia về dân cư: a placeholder until the identity work connects it (replace this file)."""

from ..registry import System

SYSTEM = System(
    name="population_registry",
    label="Cơ sở dữ liệu quốc gia về dân cư",
    adapter=None,
    default_url="http://127.0.0.1:8002",
    sandbox="population_registry",
    placeholder=True,
    notes="Chưa kết nối: mục giữ chỗ, sẽ được thay bằng bộ kết nối thật.",
)
