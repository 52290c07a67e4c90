"""Demo data for local runs: a small catalog, created once through the real use cases."""

from __future__ import annotations

from application.catalog.create_product import CreateProductCommand
from application.shared.principal import Principal
from domain.shared.money import Money
from domain.shared.roles import Role
from entrypoints.container import Container

DEMO_PRODUCTS = (
    ("DEMO-MUG", "Enamel mug", "A 350 ml enamel camping mug.", "12.50", 120),
    ("DEMO-TEE", "Organic cotton tee", "Plain crew-neck tee, unisex.", "24.00", 80),
    ("DEMO-BAG", "Canvas tote bag", "Heavy canvas, reinforced handles.", "18.90", 60),
    ("DEMO-PEN", "Fountain pen", "Steel nib, refillable converter.", "39.00", 25),
    ("DEMO-NOTE", "Dot-grid notebook", "A5, 160 pages, lay-flat binding.", "15.75", 200),
    ("DEMO-LAMP", "Desk lamp", "Dimmable LED, warm white.", "64.99", 15),
)

_SEEDER = Principal(user_id=None, role=Role.ADMIN)


async def seed_demo_data(container: Container) -> int:
    """Returns how many products it created; an existing SKU is left untouched."""
    created = 0
    for sku, name, description, price, stock in DEMO_PRODUCTS:
        async with container.unit_of_work() as uow:
            if await uow.products.get_by_sku(sku) is not None:
                continue
            command = CreateProductCommand(
                sku=sku,
                name=name,
                description=description,
                unit_price=Money.of(price, "EUR"),
                stock=stock,
            )
            await container.create_product(uow=uow)(_SEEDER, command)
            await uow.commit()
            created += 1
    return created
