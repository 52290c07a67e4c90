"""How the widgets context's errors are answered over HTTP (and documented in OpenAPI)."""

from domain.widgets.widget import InvalidWidgetError, InvalidWidgetStateError, WidgetNotFoundError
from entrypoints.http.problems import ProblemSpec

WIDGETS_ERRORS: dict[type[Exception], ProblemSpec] = {
    WidgetNotFoundError: ProblemSpec(404, "Widget not found"),
    InvalidWidgetStateError: ProblemSpec(409, "Invalid widget state"),
    InvalidWidgetError: ProblemSpec(422, "Invalid widget"),
}
