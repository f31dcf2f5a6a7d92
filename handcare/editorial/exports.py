"""Report exports that a spreadsheet opens as data, never as formulas (CSV and formula injection).

A page title such as ``=HYPERLINK("http://evil","x")`` is text an editor typed; opened from a
CSV file, Excel, LibreOffice and Google Sheets would run it. OWASP's advice is followed: a cell
that starts with a formula character gets a leading single quote.
"""

import datetime
import re
from decimal import Decimal

# The characters a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Values the CSV writer turns into text without help; numbers and dates stay values.
PLAIN_VALUES = (int, float, Decimal, datetime.date, datetime.time)

# Control characters XML 1.0 cannot hold (openpyxl refuses them rather than write a broken
# file). Text pasted from a word processor can carry them: Word's line break is a vertical tab.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_text(value):
    """Text an XLSX cell can hold: each control character XML refuses becomes a space."""
    return XLSX_ILLEGAL.sub(" ", value) if isinstance(value, str) else value


def neutralise(value):
    """A CSV cell value no spreadsheet evaluates: text that could start a formula is quoted."""
    if value is None or isinstance(value, PLAIN_VALUES):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class SafeSpreadsheetExportMixin:
    """For a ReportView: its CSV and XLSX exports write text as text, whatever an editor typed."""

    def write_csv_row(self, writer, row_dict):
        # Wagtail's write_csv_row preprocesses each value and hands it to the writer; the
        # quote goes on last, so no preprocessing step can produce an unquoted formula.
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_XLSX:
            # Without this, one pasted control character makes the whole export a server error.
            return xlsx_text(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            # openpyxl stores text that starts with "=" as a formula. Wagtail 8 already resets
            # that to text; kept here so the guarantee does not rest on Wagtail's internals.
            if cell.data_type == "f":
                cell.data_type = "s"
            yield cell
