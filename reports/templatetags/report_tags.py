from django import template

from reports.formatting import display

register = template.Library()


@register.simple_tag
def report_cell(value, column):
    """A typed report value as the PDF shows it ("1.214", "105,57%", "22/11/2026")."""
    return display(value, column.kind)


@register.filter
def zip_columns(row, columns):
    return zip(row, columns, strict=False)
