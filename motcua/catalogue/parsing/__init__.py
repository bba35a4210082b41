"""Turn published procedure records into the plain dict that `services.create_version` accepts.

Sources (see shared/data/SOURCES.md), one module each:

* `portal`: the national portal (dichvucong.gov.vn) crawl, whose tables were flattened into run-together text
  ("Trực tuyến5 Ngày làm việc70,000 VNĐ(...)Dịch vụ bưu chính..."), read with regular expressions;
* `structured`: the Ministry of Defence extraction, whose tables are already rows, only normalised;
* `commune`: the commune-level records in the portal's structured form (capxa_structured.json.gz).

Parts, one module each: `channels` (with `durations` and `fees`), `components` (the rows) and `papers` (what
a row means for the citizen), `steps`, `legal` (legal bases). `records` merges and hashes parsed records.

Pure functions, no Django. Every parse returns what it understood and a list of plain-language issues for
what it could not; the importer stores both beside the raw text (version.raw, version.parse_issues).
Nothing is guessed silently: where the text does not say (a duration without its unit, a fee whose amount runs
into the duration), the value is left empty and an issue is recorded.
"""

from .channels import parse_channels
from .commune import parse_commune_record
from .components import parse_components
from .durations import infer_unit, parse_duration
from .fees import fee_set_by, parse_amount, parse_fee_cell, parse_fee_lines
from .legal import infer_issuer, issued_date, parse_legal_bases
from .portal import parse_dvcqg_record
from .records import content_hash, merge_records
from .steps import parse_steps
from .structured import parse_structured_record

__all__ = [
    "parse_dvcqg_record",
    "parse_structured_record",
    "parse_commune_record",
    "merge_records",
    "content_hash",
    "parse_channels",
    "parse_duration",
    "infer_unit",
    "parse_fee_cell",
    "parse_fee_lines",
    "parse_components",
    "parse_steps",
    "parse_legal_bases",
    "infer_issuer",
    "issued_date",
    "fee_set_by",
    "parse_amount",
]
