"""`manage.py generate_content --count N`: N realistic, live, reviewed articles in bulk."""

import sys
import time

from django.core.management.base import BaseCommand

from handcare.benchmark.generator import ContentGenerator


class Command(BaseCommand):
    """Generate N articles across the sections, fast enough for 100,000 (see generator.py)."""

    help = "Generate N live, reviewed, searchable articles spread over the section pages."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="How many articles.")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1, help="Random seed for the text.")

    def handle(self, *args, count, batch_size, seed, **options):
        start = time.monotonic()
        interactive = sys.stderr.isatty()

        def progress(done, total):
            elapsed = time.monotonic() - start
            rate = done / elapsed if elapsed and done else 0
            line = f"generate_content: {done}/{total} articles, {elapsed:.0f} s, {rate:.0f}/s"
            # A live line on a terminal; one line per ~10% in logs, so CI output stays short.
            if interactive:
                sys.stderr.write(f"\r{line}" + ("\n" if done == total else ""))
            elif (
                done == total
                or done % max(batch_size, total // 10 // batch_size * batch_size or 1) == 0
            ):
                sys.stderr.write(line + "\n")
            sys.stderr.flush()

        made = ContentGenerator(count, batch_size=batch_size, seed=seed, progress=progress).run()
        summary = ", ".join(f"{n} {name}" for name, n in sorted(made.items()))
        self.stdout.write(
            f"Generated {count} articles in {time.monotonic() - start:.1f} s ({summary})."
        )
