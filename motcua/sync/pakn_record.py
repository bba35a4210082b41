"""The feedback sync record for the national PAKN system (TT 01/2018 Art. 16.2.e): a minimal shape carrying only
what shared domain.md §8 documents (see schemas/pakn_dongbo.schema.json); never the sender's personal data."""

from .dossier_record import iso


def build(event) -> dict:
    item = event.feedback
    published = bool(item.published_at)
    return {
        "code": item.code,
        "category": item.category,
        "channel": item.channel,
        "state": item.state,
        "agency": item.agency.code if item.agency_id else None,
        "procedure": item.procedure.code if item.procedure_id else None,
        "received_at": iso(item.received_at),
        "deadlines": {"refuse": iso(item.refuse_due_at), "request_info": iso(item.info_due_at),
                      "answer": iso(item.answer_due_at), "publish": iso(item.publish_due_at)},
        "answered_at": iso(item.answered_at),
        "published_at": iso(item.published_at),
        "refused_at": iso(item.refused_at),
        # Only the masked copy, and only once published.
        "public_title": item.public_title if published else "",
        "public_content": item.public_content if published else "",
        "public_answer": item.public_answer if published else "",
        "event": {"action": event.action, "at": iso(event.at), "from_state": event.from_state,
                  "to_state": event.to_state, "on_time": event.on_time},
    }
