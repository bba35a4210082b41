from django.contrib import admin

from .models import DeclinedQuestion


@admin.register(DeclinedQuestion)
class DeclinedQuestionAdmin(admin.ModelAdmin):
    list_display = ["asked_at", "question", "channel", "best_code", "best_score"]
    list_filter = ["channel"]
    search_fields = ["question", "best_code"]
    readonly_fields = ["question", "asked_at", "channel", "best_code", "best_score", "context_code"]
