"""A step's duration must be one the timer and routines can read (StepBlock.clean)."""

import importlib
import pkgutil

import pytest

from wagtail.blocks.struct_block import StructBlockValidationError

import handcare.demo.content
from handcare.articles.blocks import StepBlock
from handcare.articles.durations import parse_duration


def step_value(duration):
    block = StepBlock()
    return block, block.to_python(
        {"name": "Glide", "instructions": "<p>Glide slowly.</p>", "duration": duration}
    )


@pytest.mark.parametrize("duration", ["1 minute", "1 to 2 minutes", "2-3 min", "90 s", ""])
def test_readable_or_empty_duration_is_accepted(duration):
    block, value = step_value(duration)
    assert block.clean(value)["duration"] == duration


@pytest.mark.parametrize("duration", ["a while", "until relaxed", "5", "3 hours"])
def test_unreadable_duration_is_refused_on_the_field(duration):
    block, value = step_value(duration)
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert list(caught.value.block_errors) == ["duration"]
    assert "number and a unit" in caught.value.block_errors["duration"].messages[0]


def demo_durations(value):
    """Every step duration in the demo content's data, wherever it sits."""
    if isinstance(value, dict):
        if "duration" in value and "instructions" in value:
            yield value["duration"]
        for item in value.values():
            yield from demo_durations(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from demo_durations(item)


def test_every_demo_duration_parses():
    durations = []
    for module_info in pkgutil.iter_modules(handcare.demo.content.__path__):
        module = importlib.import_module(f"handcare.demo.content.{module_info.name}")
        for name, value in vars(module).items():
            if name.isupper():
                durations.extend(demo_durations(value))
    assert len(durations) > 20
    unreadable = [text for text in durations if text and parse_duration(text) is None]
    assert unreadable == []
