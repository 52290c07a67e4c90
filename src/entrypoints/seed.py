"""Demo data for local runs: a catalog, two accounts and orders in every state, created once
through the real use cases."""

from __future__ import annotations

from uuid import UUID

from application.billing.record_payment import RecordPaymentCommand
from application.catalog.create_product import CreateProductCommand
from application.identity.create_admin import CreateAdminCommand
from application.identity.register_user import RegisterUserCommand
from application.ordering.cancel_order import CancelOrderCommand
from application.ordering.place_order import LineRequest, PlaceOrderCommand
from application.ordering.ports import OrderCriteria
from application.ordering.ship_order import ShipOrderCommand
from application.shared.pagination import PageRequest
from application.shared.principal import Principal
from domain.billing.ids import InvoiceId
from domain.billing.invoice import PaymentMethod
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


async def seed_demo_orders(container: Container) -> bool:
    """The demo customer's orders, one in each state; True if it created them.

    Runs the real flow: orders placed by the customer, invoices issued by the relay, paid by
    staff, shipped or cancelled, so the demo data is exactly what the API would produce.
    """
    async with container.unit_of_work() as uow:
        customer = await uow.users.get_by_email(DEMO_CUSTOMER)
        mug = await uow.products.get_by_sku("DEMO-MUG")
        lamp = await uow.products.get_by_sku("DEMO-LAMP")
    if customer is None or mug is None or lamp is None:
        return False
    buyer = Principal(user_id=customer.id, role=customer.role)
    if (await container.list_orders()(buyer, OrderCriteria(), PageRequest(limit=1))).items:
        return False
    relay = container.relay_events()
    baskets = (
        (LineRequest(product_id=mug.id, quantity=2),),
        (LineRequest(product_id=lamp.id, quantity=1),),
        (LineRequest(product_id=mug.id, quantity=1), LineRequest(product_id=lamp.id, quantity=1)),
        (LineRequest(product_id=mug.id, quantity=4),),
    )
    orders = []
    for lines in baskets:
        async with container.unit_of_work() as uow:
            orders.append(
                await container.place_order(uow=uow)(buyer, PlaceOrderCommand(lines=lines))
            )
            await uow.commit()
    await relay.drain()
    for order in orders[1:3]:
        placed = await container.get_order()(buyer, order.id)
        assert placed.invoice_id is not None  # noqa: S101 - the relay has just issued it
        payment = RecordPaymentCommand(
            invoice_id=InvoiceId(placed.invoice_id),
            amount=placed.total,
            method=PaymentMethod.CARD,
            reference=f"demo-{order.id}",
        )
        async with container.unit_of_work() as uow:
            await container.record_payment(uow=uow)(_SEEDER, payment)
            await uow.commit()
    await relay.drain()
    async with container.unit_of_work() as uow:
        await container.ship_order(uow=uow)(_SEEDER, ShipOrderCommand(order_id=orders[2].id))
        await uow.commit()
    async with container.unit_of_work() as uow:
        await container.cancel_order(uow=uow)(buyer, CancelOrderCommand(order_id=orders[3].id))
        await uow.commit()
    await relay.drain()
    return True
