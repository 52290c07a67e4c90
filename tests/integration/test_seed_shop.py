"""The example's demo data: a catalog and the demo customer's orders, seeded once."""

from entrypoints.container import Container
from entrypoints.seed import seed_demo_accounts
from entrypoints.seed_shop import seed_demo_shop


async def test_the_shop_is_seeded_once_after_the_accounts(container: Container) -> None:
    assert await seed_demo_accounts(container)

    assert await seed_demo_shop(container) == [
        "seeded 6 demo products",
        "seeded demo orders (placed, paid, shipped, cancelled)",
    ]
    assert await seed_demo_shop(container) == ["demo products already present"]


async def test_without_the_demo_customer_only_the_catalog_is_seeded(container: Container) -> None:
    assert await seed_demo_shop(container) == ["seeded 6 demo products"]
