"""How the catalog's errors are answered over HTTP."""

from domain.catalog.product import ProductNotFoundError, SkuTakenError
from entrypoints.http.problems import ProblemSpec

CATALOG_ERRORS: dict[type[Exception], ProblemSpec] = {
    ProductNotFoundError: ProblemSpec(404, "Product not found"),
    SkuTakenError: ProblemSpec(409, "SKU already in use"),
}
