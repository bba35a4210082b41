"""Indicators from facts: the 766 index, rates and fair rankings per agency, commune, field or the city.

Public surface (views, API and commands call these), one module per concept:
- `periods`: `Period.of(kind, day)` — month / quarter / year containing `day`;
- `figures`: `unit_figures(period, *, by="agency", now)` → {key: Figures}, with the dossiers open at the
  period end and the overdue ones;
- `catalogue_counts`: the catalogue-side indicators (1.3, 3.1, 3.2, 3.5);
- `board`: `index_for(figures, config, ...)` → IndexResult (766); `board(period, *, now)` → ranked rows of the
  public board, `board_and_city` with the city's figures from the same pass; `unit_report` for a unit head's
  dashboard, scored with the same configuration and sources as the board;
- `drilldown`: the dossiers behind a figure;
- `trends`: monthly trend, worst procedures and steps, dossiers due now, case mix, money waived.
"""

from .board import (
                    BoardRow,
                    board,
                    board_and_city,
                    city_agencies,
                    city_sources,
                    feedback_by_agency,
                    index_counts,
                    index_for,
                    satisfaction_by_agency,
                    satisfaction_rate,
                    sort_rows,
                    unit_report,
)
from .catalogue_counts import catalogue_counts, procedures_with_online_dossiers
from .drilldown import DRILL_KINDS, drilldown
from .figures import Figures, current, open_at_end, overdue_q, unit_figures
from .periods import KINDS, Period
from .trends import case_mix, due_now, has_synthetic_data, trend, waived_total, worst_procedures, worst_steps

__all__ = ["KINDS", "DRILL_KINDS", "BoardRow", "Figures", "Period", "board", "board_and_city", "city_sources", "case_mix",
           "catalogue_counts", "city_agencies", "current", "drilldown", "due_now", "feedback_by_agency",
           "has_synthetic_data", "index_counts", "index_for", "open_at_end", "overdue_q",
           "procedures_with_online_dossiers", "satisfaction_by_agency", "satisfaction_rate", "sort_rows", "trend",
           "unit_figures", "unit_report", "waived_total", "worst_procedures", "worst_steps"]
