from django.db import models


class Counter(models.Model):
    """One open window of a rate limit: `count` hits of `key` until `expires_at` (the database store)."""

    key = models.CharField(max_length=120, unique=True)
    count = models.IntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
