"""Contains all the data models used in inputs/outputs"""

from .component_check import ComponentCheck
from .component_check_status import ComponentCheckStatus
from .health import Health
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .invoice_page import InvoicePage
from .invoice_status import InvoiceStatus
from .invoice_view import InvoiceView
from .list_invoices_invoice_status import ListInvoicesInvoiceStatus
from .list_orders_order_status import ListOrdersOrderStatus
from .list_products_product_sort import ListProductsProductSort
from .list_users_role import ListUsersRole
from .logout_in import LogoutIn
from .money import Money
from .money_in import MoneyIn
from .o_auth_2_error import OAuth2Error
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
from .problem_error import ProblemError
from .product_create import ProductCreate
from .product_page import ProductPage
from .product_patch import ProductPatch
from .product_view import ProductView
from .refresh_in import RefreshIn
from .register_in import RegisterIn
from .role import Role
from .token_out import TokenOut
from .token_request import TokenRequest
from .token_request_grant_type import TokenRequestGrantType
from .user_page import UserPage
from .user_patch import UserPatch
from .user_view import UserView

__all__ = (
    "ComponentCheck",
    "ComponentCheckStatus",
    "Health",
    "HealthChecks",
    "HealthStatus",
    "InvoicePage",
    "InvoiceStatus",
    "InvoiceView",
    "ListInvoicesInvoiceStatus",
    "ListOrdersOrderStatus",
    "ListProductsProductSort",
    "ListUsersRole",
    "LogoutIn",
    "Money",
    "MoneyIn",
    "OAuth2Error",
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
    "ProblemError",
    "ProductCreate",
    "ProductPage",
    "ProductPatch",
    "ProductView",
    "RefreshIn",
    "RegisterIn",
    "Role",
    "TokenOut",
    "TokenRequest",
    "TokenRequestGrantType",
    "UserPage",
    "UserPatch",
    "UserView",
)
