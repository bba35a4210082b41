"""POST /api/assistant: the virtual assistant (answers only from the catalogue, declines otherwise)."""

from ninja import Field, Router, Schema

from motcua.assistant.services import MAX_QUESTION_LENGTH, ask
from motcua.lib.errors import NotFound
from motcua.units.models import Agency, Commune

router = Router(tags=["Trợ lý ảo"])


class Question(Schema):
    question: str = Field(..., min_length=1, max_length=MAX_QUESTION_LENGTH, description="Câu hỏi của người dân.")
    context_code: str | None = Field(None, max_length=20, description="Mã thủ tục của câu trả lời trước (hỏi nối tiếp).")
    offered: list[str] = Field(
        default_factory=list, max_length=10,
        description="Các mã thủ tục câu trả lời trước đưa ra để chọn (`offered` của câu trả lời trước): "
        "người dân có thể trả lời “2”, “cái thứ hai” hoặc tên thủ tục.",
    )
    agency: str | None = Field(None, max_length=50, description="Mã cơ quan tiếp nhận để lọc thủ tục.")
    commune: str | None = Field(None, max_length=20, description="Mã xã, phường để lọc thủ tục.")


class ProcedureOut(Schema):
    code: str
    name: str
    score: float
    url: str = Field("", description="Trang thủ tục.")


class AnswerOut(Schema):
    declined: bool
    choose: bool = Field(False, description="Có vài thủ tục gần nhau: người dân được mời chọn theo số thứ tự.")
    life_event: str = Field("", description="Sự kiện trong đời nhận ra được; `procedures` là các thủ tục thường cần, theo thứ tự.")
    procedures: list[ProcedureOut]
    offered: list[str] = Field(default_factory=list, description="Gửi lại ở câu hỏi sau để người dân chọn theo số thứ tự.")
    answer: str
    context_code: str | None = Field(None, description="Gửi lại ở câu hỏi sau để hỏi tiếp về thủ tục này.")


@router.post("", response=AnswerOut, summary="Hỏi trợ lý ảo")
def post_question(request, payload: Question):
    agency = commune = None
    if payload.agency:
        agency = Agency.objects.filter(code=payload.agency).first()
        if agency is None:
            raise NotFound(f"Không tìm thấy cơ quan có mã {payload.agency}.")
    if payload.commune:
        commune = Commune.objects.filter(code=payload.commune).first()
        if commune is None:
            raise NotFound(f"Không tìm thấy xã, phường có mã {payload.commune}.")
    reply = ask(payload.question, context_code=payload.context_code, offered=payload.offered, agency=agency,
                commune=commune, channel="api")
    return {**reply.as_dict(), "offered": [p["code"] for p in reply.offered],
            "context_code": reply.code or (payload.context_code if reply.declined else None)}
