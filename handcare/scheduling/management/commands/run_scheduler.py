"""manage.py run_scheduler: enqueue the cron table's jobs on the background queue, on time."""

import logging
import signal

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from handcare.scheduling.schedule import JOBS, SCHEDULE
from handcare.scheduling.scheduler import (
    InlineBackendError,
    build_scheduler,
    check_backend,
    enqueue_now,
    site_zone,
    trigger_for,
)


class Command(BaseCommand):
    """Run the scheduler (one process per site): it enqueues each job; `db_worker` runs them."""

    help = (
        "Enqueue the jobs of handcare/scheduling/schedule.py on the 'background' task queue at "
        "their cron times. Run exactly one scheduler; run the work with "
        "`manage.py db_worker --backend background`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            action="store_true",
            help="Print the cron table with each job's next run, then exit.",
        )
        parser.add_argument(
            "--once",
            nargs="*",
            metavar="JOB",
            help="Enqueue these jobs (all when none are named) once, now, then exit.",
        )

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        if options["list"]:
            self.list_jobs()
            return
        try:
            if options["once"] is not None:
                self.enqueue_once(options["once"])
                return
            for job in SCHEDULE:
                check_backend(job)
        except InlineBackendError as error:
            raise CommandError(str(error)) from None
        self.run()

    def configure_logging(self, verbosity):
        logger = logging.getLogger("handcare.scheduling")
        logger.setLevel(logging.WARNING if verbosity == 0 else logging.INFO)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        # APScheduler says "Running job …" at every fire; only its warnings (missed runs) and
        # errors (a failed enqueue) are worth an operator's attention.
        apscheduler = logging.getLogger("apscheduler")
        apscheduler.setLevel(logging.DEBUG if verbosity > 1 else logging.WARNING)
        if not apscheduler.hasHandlers():
            apscheduler.addHandler(logging.StreamHandler(self.stderr))

    def list_jobs(self):
        now = timezone.now().astimezone(site_zone())
        for job in SCHEDULE:
            next_run = trigger_for(job).get_next_fire_time(None, now)
            self.stdout.write(
                f"{job.name:<20} {job.when:<16} next {next_run:%Y-%m-%d %H:%M %Z}  "
                f"{job.description}"
            )

    def enqueue_once(self, names):
        unknown = sorted(set(names) - set(JOBS))
        if unknown:
            raise CommandError(
                f"No such job: {', '.join(unknown)}. Jobs: {', '.join(JOBS)}.", returncode=2
            )
        for job in [JOBS[name] for name in names] or SCHEDULE:
            result = enqueue_now(job)
            self.stdout.write(f"Enqueued {job.name} (task result {result.id}).")

    def run(self):
        scheduler = build_scheduler()

        def stop(signum, frame):
            # Let an enqueue in progress finish; nothing else is running here.
            scheduler.shutdown(wait=True)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(
            f"Scheduler started ({timezone.now().astimezone(site_zone()):%Y-%m-%d %H:%M %Z}); "
            "jobs go to the 'background' queue:"
        )
        self.list_jobs()
        scheduler.start()
        self.stdout.write("Scheduler stopped.")
