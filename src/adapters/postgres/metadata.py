"""The one `MetaData` every table of every context registers on.

Its naming convention gives every constraint and index a predictable name, which is what
migrations refer to and what the unit of work reads back from an `IntegrityError`
(`uq_products_sku` means the SKU is taken). A context's tables register when its `tables`
module is imported; `migrations/env.py` imports them all.
"""

from sqlalchemy import MetaData

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    },
)
