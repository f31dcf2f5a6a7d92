"""The routine builder: choose who or what it is for and the minutes you have."""

from django.template.response import TemplateResponse

from handcare.articles.durations import describe

from .assembly import MINUTES, assemble
from .catalogue import routine_catalogue

PARAMETERS = ("audience", "concern", "minutes")


def _single(request, name, errors):
    """The one value of a GET parameter ('' when absent); a repeated one is an error."""
    values = request.GET.getlist(name)
    if len(values) > 1:
        errors.append(f"Choose one value for “{name}”, not {len(values)}.")
        return ""
    return values[0].strip() if values else ""


def routine_builder(request):
    """Build a routine from GET parameters, so a shared URL rebuilds the same routine."""
    catalogue = routine_catalogue(request)
    audiences, concerns = dict(catalogue.audiences), dict(catalogue.concerns)
    errors = []
    audience = _single(request, "audience", errors)
    concern = _single(request, "concern", errors)
    minutes_text = _single(request, "minutes", errors)

    if audience and audience not in audiences:
        errors.append("We do not have that group of readers: choose one from the list.")
        audience = ""
    if concern and concern not in concerns:
        errors.append("We do not have that concern: choose one from the list.")
        concern = ""
    minutes = int(minutes_text) if minutes_text in {str(m) for m in MINUTES} else None
    if minutes_text and minutes is None:
        errors.append("Choose 5, 10 or 15 minutes.")

    asked = any(name in request.GET for name in PARAMETERS)
    routine = None
    if asked and not errors and minutes is None:
        errors.append("Choose how many minutes you have.")
    elif minutes is not None and not errors:
        routine = assemble(catalogue.techniques, minutes, audience=audience, concern=concern)

    context = {
        "audiences": catalogue.audiences,
        "concerns": catalogue.concerns,
        "minute_choices": MINUTES,
        "chosen": {"audience": audience, "concern": concern, "minutes": minutes},
        "chosen_names": [n for n in (audiences.get(audience), concerns.get(concern)) if n],
        "errors": errors,
        "routine": routine,
        "built": minutes is not None and not errors,
        "total_text": describe(routine.total_seconds) if routine else "",
    }
    return TemplateResponse(
        request, "routines/routine_builder.html", context, status=400 if errors else 200
    )
