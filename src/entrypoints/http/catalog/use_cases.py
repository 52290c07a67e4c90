"""The catalog routes\' use cases, each a typed dependency (`entrypoints/http/use_cases.py`)."""

from __future__ import annotations

from typing import Annotated

from application.catalog.archive_product import ArchiveProductCommand
from application.catalog.create_product import CreateProductCommand
from application.catalog.ports import ProductCriteria, ProductView
from application.catalog.update_product import UpdateProductCommand
from application.shared.pagination import Page, PageRequest
from domain.shared.ids import ProductId
from entrypoints.http.use_cases import ForCaller, reads, writes

GetProductDep = Annotated[
    ForCaller[[ProductId], ProductView], reads(lambda c: c.catalog().get_product)
]
ListProductsDep = Annotated[
    ForCaller[[ProductCriteria, PageRequest], Page[ProductView]],
    reads(lambda c: c.catalog().list_products),
]
CreateProductDep = Annotated[
    ForCaller[[CreateProductCommand], ProductView], writes(lambda c: c.catalog().create_product)
]
UpdateProductDep = Annotated[
    ForCaller[[UpdateProductCommand], ProductView], writes(lambda c: c.catalog().update_product)
]
ArchiveProductDep = Annotated[
    ForCaller[[ArchiveProductCommand], None], writes(lambda c: c.catalog().archive_product)
]
