"""Demo data for local runs: a small catalog, created once through the real use cases."""

from __future__ import annotations

from uuid import UUID

from application.catalog.create_product import CreateProductCommand
from application.identity.create_admin import CreateAdminCommand
from application.identity.register_user import RegisterUserCommand
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

DEMO_PASSWORD = "orderly-demo-2026!"  # noqa: S105 - a published demo credential, development only
DEMO_ADMIN = "admin@example.com"
DEMO_CUSTOMER = "customer@example.com"

_SEEDER = Principal(user_id=UUID(int=0), role=Role.ADMIN)


async def seed_demo_accounts(container: Container) -> bool:
    """An admin and a customer with the published demo password; True if it created them."""
    async with container.unit_of_work() as uow:
        if await uow.users.get_by_email(DEMO_ADMIN) is not None:
            return False
        await container.create_admin(uow=uow)(
            CreateAdminCommand(email=DEMO_ADMIN, password=DEMO_PASSWORD, full_name="Demo Admin"),
        )
        await container.register_user(uow=uow)(
            RegisterUserCommand(
                email=DEMO_CUSTOMER, password=DEMO_PASSWORD, full_name="Demo Customer"
            ),
        )
        await uow.commit()
    return True


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
