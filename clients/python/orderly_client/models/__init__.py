"""Contains all the data models used in inputs/outputs"""

from .invoice_page import InvoicePage
from .invoice_status import InvoiceStatus
from .invoice_view import InvoiceView
from .list_invoices_invoice_status import ListInvoicesInvoiceStatus
from .list_orders_order_status import ListOrdersOrderStatus
from .list_products_product_sort import ListProductsProductSort
from .list_users_role import ListUsersRole
from .money import Money
from .money_in import MoneyIn
from .order_in import OrderIn
from .order_line_in import OrderLineIn
from .order_line_view import OrderLineView
from .order_page import OrderPage
from .order_status import OrderStatus
from .order_view import OrderView
from .payment_in import PaymentIn
from .payment_method import PaymentMethod
from .payment_view import PaymentView
from .problem import Problem
from .problem_errors_type_0_item import ProblemErrorsType0Item
from .product_create import ProductCreate
from .product_page import ProductPage
from .product_patch import ProductPatch
from .product_view import ProductView
from .refresh_in import RefreshIn
from .register_in import RegisterIn
from .role import Role
from .token_out import TokenOut
from .token_request import TokenRequest
from .user_page import UserPage
from .user_patch import UserPatch
from .user_view import UserView

__all__ = (
    "InvoicePage",
    "InvoiceStatus",
    "InvoiceView",
    "ListInvoicesInvoiceStatus",
    "ListOrdersOrderStatus",
    "ListProductsProductSort",
    "ListUsersRole",
    "Money",
    "MoneyIn",
    "OrderIn",
    "OrderLineIn",
    "OrderLineView",
    "OrderPage",
    "OrderStatus",
    "OrderView",
    "PaymentIn",
    "PaymentMethod",
    "PaymentView",
    "Problem",
    "ProblemErrorsType0Item",
    "ProductCreate",
    "ProductPage",
    "ProductPatch",
    "ProductView",
    "RefreshIn",
    "RegisterIn",
    "Role",
    "TokenOut",
    "TokenRequest",
    "UserPage",
    "UserPatch",
    "UserView",
)
