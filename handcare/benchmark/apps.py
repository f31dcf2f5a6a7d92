"""The content generator and HTTP benchmark (`generate_content`, `make bench`)."""

from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    """Synthetic content at scale and the benchmark that drives it over HTTP."""

    name = "handcare.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"
