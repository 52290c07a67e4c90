"""The example's demo data: a catalog, and the demo customer's orders in every state, created
once through the real use cases after the demo accounts (`seed.py`)."""

from __future__ import annotations

from application.billing.record_payment import RecordPaymentCommand
from application.catalog.create_product import CreateProductCommand
from application.ordering.cancel_order import CancelOrderCommand
from application.ordering.place_order import LineRequest, PlaceOrderCommand
from application.ordering.ports import OrderCriteria, OrderView
from application.ordering.ship_order import ShipOrderCommand
from application.shared.caller import Caller
from application.shared.pagination import PageRequest
from application.unit_of_work import ServiceUnitOfWork
from domain.billing.invoice import PaymentMethod
from domain.catalog.product import Product
from domain.identity.user import User
from domain.shared.ids import InvoiceId
from domain.shared.money import Money
from entrypoints.container import Container
from entrypoints.seed import DEMO_CUSTOMER, SEEDER, transactions_of, work

DEMO_PRODUCTS = (
    ("DEMO-MUG", "Enamel mug", "A 350 ml enamel camping mug.", "12.50", 120),
    ("DEMO-TEE", "Organic cotton tee", "Plain crew-neck tee, unisex.", "24.00", 80),
    ("DEMO-BAG", "Canvas tote bag", "Heavy canvas, reinforced handles.", "18.90", 60),
    ("DEMO-PEN", "Fountain pen", "Steel nib, refillable converter.", "39.00", 25),
    ("DEMO-NOTE", "Dot-grid notebook", "A5, 160 pages, lay-flat binding.", "15.75", 200),
    ("DEMO-LAMP", "Desk lamp", "Dimmable LED, warm white.", "64.99", 15),
)

_FIRST = PageRequest(limit=1)


async def seed_demo_shop(container: Container) -> list[str]:
    """What it did, one line each."""
    products = await seed_demo_data(container)
    said = [f"seeded {products} demo products" if products else "demo products already present"]
    if await seed_demo_orders(container):
        said.append("seeded demo orders (placed, paid, shipped, cancelled)")
    return said


async def seed_demo_data(container: Container) -> int:
    """Returns how many products it created; an existing SKU is left untouched."""

    async def create(uow: ServiceUnitOfWork) -> int:
        created = 0
        for sku, name, description, price, stock in DEMO_PRODUCTS:
            if await uow.products.get_by_sku(sku) is not None:
                continue
            command = CreateProductCommand(
                sku=sku,
                name=name,
                description=description,
                unit_price=Money.of(price, "EUR"),
                stock=stock,
            )
            await container.catalog().create_product(uow=uow)(SEEDER, command)
            created += 1
        return created

    return await transactions_of(container).run(create)


async def seed_demo_orders(container: Container) -> bool:
    """The demo customer's orders, one in each state; True if it created them.

    Runs the real flow: orders placed by the customer, invoices issued by the relay, paid by
    staff, shipped or cancelled, so the demo data is exactly what the API would produce.
    Each step is one transaction, as each would be one request.
    """
    transactions = transactions_of(container)

    async def find(uow: ServiceUnitOfWork) -> tuple[User | None, Product | None, Product | None]:
        return (
            await uow.users.get_by_email(DEMO_CUSTOMER),
            await uow.products.get_by_sku("DEMO-MUG"),
            await uow.products.get_by_sku("DEMO-LAMP"),
        )

    customer, mug, lamp = await transactions.run(find)
    if customer is None or mug is None or lamp is None:
        return False
    buyer = Caller(user_id=customer.id, role=customer.role)
    if (await container.ordering().list_orders()(buyer, OrderCriteria(), _FIRST)).items:
        return False
    mug_id, lamp_id = mug.id, lamp.id
    baskets = (
        (LineRequest(product_id=mug_id, quantity=2),),
        (LineRequest(product_id=lamp_id, quantity=1),),
        (LineRequest(product_id=mug_id, quantity=1), LineRequest(product_id=lamp_id, quantity=1)),
        (LineRequest(product_id=mug_id, quantity=4),),
    )
    orders: list[OrderView] = [
        await transactions.run(
            work(container.ordering().place_order, buyer, PlaceOrderCommand(lines=lines))
        )
        for lines in baskets
    ]
    relay = container.relay_events()
    await relay.drain()
    for order in orders[1:3]:
        placed = await container.ordering().get_order()(buyer, order.id)
        assert placed.invoice_id is not None  # noqa: S101 - the relay has just issued it
        payment = RecordPaymentCommand(
            invoice_id=InvoiceId(placed.invoice_id),
            amount=placed.total,
            method=PaymentMethod.CARD,
            reference=f"demo-{order.id}",
        )
        await transactions.run(work(container.billing().record_payment, SEEDER, payment))
    await relay.drain()
    shipped = ShipOrderCommand(order_id=orders[2].id)
    await transactions.run(work(container.ordering().ship_order, SEEDER, shipped))
    cancelled = CancelOrderCommand(order_id=orders[3].id)
    await transactions.run(work(container.ordering().cancel_order, buyer, cancelled))
    await relay.drain()
    return True
