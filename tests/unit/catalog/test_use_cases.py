"""The catalog use cases, against in-memory adapters."""

import pytest

from adapters.ids import UuidV7Generator
from adapters.memory.catalog import InMemoryProductQueries
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.catalog.archive_product import ArchiveProduct, ArchiveProductCommand
from application.catalog.create_product import CreateProduct, CreateProductCommand
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.ports import ProductCriteria, ProductView
from application.catalog.update_product import UpdateProduct, UpdateProductCommand
from application.shared.caller import Caller
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.pagination import PageRequest
from domain.catalog.product import ProductChanges, ProductNotFoundError, SkuTakenError
from domain.shared.ids import ProductId
from domain.shared.money import Money
from tests.fakes import FixedClock, memory_uow


def command(sku: str = "MUG-001") -> CreateProductCommand:
    return CreateProductCommand(
        sku=sku, name="Mug", description="", unit_price=Money.of("9.99", "EUR"), stock=4
    )


@pytest.fixture
async def mug(
    store: InMemoryStore, clock: FixedClock, ids: UuidV7Generator, staff: Caller
) -> ProductView:
    async with memory_uow(store) as uow:
        view = await CreateProduct(uow, clock, ids)(staff, command())
        await uow.commit()
    return view


async def test_staff_create_a_product(mug: ProductView, store: InMemoryStore) -> None:
    assert store.table("products")[mug.id].sku == "MUG-001"
    assert mug.version == 1


async def test_a_customer_may_not_create_products(
    uow: InMemoryUnitOfWork, clock: FixedClock, ids: UuidV7Generator, customer: Caller
) -> None:
    async with uow:
        with pytest.raises(PermissionDeniedError):
            await CreateProduct(uow, clock, ids)(customer, command())


async def test_a_taken_sku_is_refused(
    mug: ProductView,
    uow: InMemoryUnitOfWork,
    clock: FixedClock,
    ids: UuidV7Generator,
    staff: Caller,
) -> None:
    async with uow:
        with pytest.raises(SkuTakenError):
            await CreateProduct(uow, clock, ids)(staff, command(mug.sku))


async def test_an_update_with_the_current_version_applies(
    mug: ProductView, uow: InMemoryUnitOfWork, clock: FixedClock, staff: Caller
) -> None:
    async with uow:
        view = await UpdateProduct(uow, clock)(
            staff,
            UpdateProductCommand(
                product_id=mug.id, changes=ProductChanges(stock=0), expected_version=1
            ),
        )
        await uow.commit()
    assert (view.stock, view.version) == (0, 2)


async def test_an_update_with_a_stale_version_is_refused(
    mug: ProductView, uow: InMemoryUnitOfWork, clock: FixedClock, staff: Caller
) -> None:
    async with uow:
        with pytest.raises(PreconditionFailedError):
            await UpdateProduct(uow, clock)(
                staff,
                UpdateProductCommand(
                    product_id=mug.id, changes=ProductChanges(stock=0), expected_version=7
                ),
            )


async def test_updating_a_missing_product_is_not_found(
    uow: InMemoryUnitOfWork, clock: FixedClock, ids: UuidV7Generator, staff: Caller
) -> None:
    async with uow:
        with pytest.raises(ProductNotFoundError):
            await UpdateProduct(uow, clock)(
                staff,
                UpdateProductCommand(
                    product_id=ProductId(ids.new_id()), changes=ProductChanges(stock=1)
                ),
            )


async def test_archived_products_are_hidden_from_everyone_but_staff(
    mug: ProductView,
    uow: InMemoryUnitOfWork,
    store: InMemoryStore,
    clock: FixedClock,
    staff: Caller,
    customer: Caller,
) -> None:
    async with uow:
        await ArchiveProduct(uow, clock)(staff, ArchiveProductCommand(product_id=mug.id))
        await uow.commit()
    get = GetProduct(InMemoryProductQueries(store))
    assert not (await get(staff, mug.id)).active
    for outsider in (customer, Caller.anonymous()):
        with pytest.raises(ProductNotFoundError):
            await get(outsider, mug.id)


async def test_customers_list_only_active_products(
    mug: ProductView,
    store: InMemoryStore,
    clock: FixedClock,
    ids: UuidV7Generator,
    staff: Caller,
    customer: Caller,
) -> None:
    async with memory_uow(store) as uow:
        archived = await CreateProduct(uow, clock, ids)(staff, command("OLD-001"))
        await uow.commit()
    async with memory_uow(store) as uow:
        await ArchiveProduct(uow, clock)(staff, ArchiveProductCommand(product_id=archived.id))
        await uow.commit()
    list_products = ListProducts(InMemoryProductQueries(store))

    async def skus(caller: Caller, active: bool | None) -> set[str]:
        page = await list_products(caller, ProductCriteria(active=active), PageRequest())
        return {view.sku for view in page.items}

    assert await skus(staff, None) == {"MUG-001", "OLD-001"}
    assert await skus(staff, False) == {"OLD-001"}
    assert await skus(customer, None) == {"MUG-001"}
    assert await skus(customer, False) == set()
