"""How ordering's errors are answered over HTTP."""

from domain.ordering.order import (
    InsufficientStockError,
    InvalidOrderError,
    InvalidOrderStateError,
    MixedCurrencyError,
    OrderNotFoundError,
    ProductUnavailableError,
)
from entrypoints.http.problems import ProblemSpec

ORDERING_ERRORS: dict[type[Exception], ProblemSpec] = {
    OrderNotFoundError: ProblemSpec(404, "Order not found"),
    InsufficientStockError: ProblemSpec(409, "Insufficient stock"),
    InvalidOrderStateError: ProblemSpec(409, "Invalid order state"),
    ProductUnavailableError: ProblemSpec(422, "Product unavailable"),
    MixedCurrencyError: ProblemSpec(422, "Mixed currencies"),
    InvalidOrderError: ProblemSpec(422, "Invalid order"),
}
