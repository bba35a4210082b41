"""Virtual assistant: answer latency over the whole catalogue (lexical + semantic stages, answer composed from
the database) beside the lexical stage alone, on the labelled evaluation questions.

Needs the catalogue in the database (`manage.py import_catalogue` and `manage.py embed_catalogue`).
"""

from bench.timing import measure, summary


def run():
    from motcua.assistant.catalogue_index import build, get_retriever
    from motcua.assistant.embeddings import embed_query
    from motcua.assistant.evaluation import load_constructed
    from motcua.assistant.models import VersionEmbedding
    from motcua.assistant.services import ask
    from motcua.catalogue.models import Procedure

    procedures = Procedure.objects.filter(current__isnull=False).count()
    vectors = VersionEmbedding.objects.count()
    if procedures < 1000:
        return [f"skipped: {procedures} procedures in the database (run import_catalogue and embed_catalogue first)"]
    questions = [c.question for c in load_constructed() if not c.context][::2]  # every other one: keeps the run short
    lexical = build(semantic=False)
    get_retriever()  # build outside the timings
    embed_query("khởi động")  # load the model outside the timings
    it = iter(questions * 2)
    lex_samples = measure(lambda: lexical.search(next(it)), len(questions))
    it = iter(questions * 2)
    emb_samples = measure(lambda: embed_query(next(it)), len(questions))
    it = iter(questions * 2)
    full_samples = measure(lambda: ask(next(it), log=False), len(questions))
    ratio = sorted(full_samples)[len(full_samples) // 2] / max(sorted(lex_samples)[len(lex_samples) // 2], 1e-9)
    return [
        f"catalogue: {procedures} procedures in force, {vectors} embedded; {len(questions)} questions",
        summary("lexical stage alone (baseline)", lex_samples),
        summary("question embedding (e5-small)", emb_samples),
        summary("full answer (lexical + semantic + composed answer)", full_samples),
        f"full answer p50 = {ratio:.1f} x the lexical stage alone",
    ]
