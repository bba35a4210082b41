"""The ratings app's public actions. Other apps import from here and from `ratings.models`, nothing else.

Keep it small: counter ratings, surveys and per-dossier evaluations each live in their own module.
"""

from .counter import claim_device, get_device, record_counter_rating, release_device
from .evaluations import (
    check_can_evaluate,
    dossier_for_token,
    evaluation_token,
    evaluation_url,
    submit_evaluation,
)
from .surveys import (
    copy_template_questions,
    create_survey_from_template,
    get_open_survey,
    get_survey,
    submit_survey_response,
    survey_agency,
    survey_results,
    survey_templates,
)

__all__ = [
    "check_can_evaluate",
    "claim_device",
    "copy_template_questions",
    "create_survey_from_template",
    "dossier_for_token",
    "evaluation_token",
    "evaluation_url",
    "get_device",
    "get_open_survey",
    "get_survey",
    "record_counter_rating",
    "release_device",
    "submit_evaluation",
    "submit_survey_response",
    "survey_agency",
    "survey_results",
    "survey_templates",
]
