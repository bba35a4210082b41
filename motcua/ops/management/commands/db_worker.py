"""django-tasks-db's worker, kept alive across dropped database connections.

The library's worker exits on the first OperationalError that is not a locked SQLite file, so one restart of
PostgreSQL left every notification waiting until someone restarted the worker. This one reconnects and goes
on; a task that was running when the connection dropped (still marked running by this worker) is put back in
the queue, so it runs again rather than never: notifications may then be sent twice, never lost.

The library records any exception of a task as the task's failure. When the drop met the task inside a
transaction, Django opens a new connection on leaving it, so that record succeeded and the task was lost as
"failed" (the worker-recovery test stopped short of its 60 tasks now and then). A lost connection is not the
task's failure: the worker recovers and the task runs again.
"""

from django.tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as BaseCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from motcua.lib.resilience import DROPPED, connection_lost, recover


class ResilientWorker(Worker):
    def run(self):
        failures = 0
        while self.running:
            try:
                self.requeue_interrupted()
                return super().run()
            except DROPPED as exc:
                failures += 1
                recover(exc, attempt=failures)

    def run_task(self, db_task_result):
        record_failure = db_task_result.set_failed

        def fail_unless_connection_lost(exc):
            if connection_lost(exc):
                raise exc  # left running: run() recovers and requeue_interrupted() puts the task back
            record_failure(exc)

        db_task_result.set_failed = fail_unless_connection_lost
        super().run_task(db_task_result)

    def requeue_interrupted(self):
        """Put back in the queue the tasks this worker was running when its connection dropped."""
        for result in DBTaskResult.objects.running().only("pk", "worker_ids"):
            if result.worker_ids and result.worker_ids[-1] == self.worker_id:
                DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY, started_at=None)


class Command(BaseCommand):
    help = "Chạy tác vụ nền (thông báo...), tự kết nối lại khi mất kết nối cơ sở dữ liệu."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","), interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [])
        worker.configure_signals()
        worker.run()
