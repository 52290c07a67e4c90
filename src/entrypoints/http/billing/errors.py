"""How billing's errors are answered over HTTP."""

from domain.billing.invoice import (
    InvalidInvoiceError,
    InvalidInvoiceStateError,
    InvalidPaymentError,
    InvoiceNotFoundError,
    InvoiceNotOpenError,
    OverpaymentError,
)
from entrypoints.http.problems import ProblemSpec

BILLING_ERRORS: dict[type[Exception], ProblemSpec] = {
    InvoiceNotFoundError: ProblemSpec(404, "Invoice not found"),
    InvoiceNotOpenError: ProblemSpec(409, "Invoice not open"),
    InvalidInvoiceStateError: ProblemSpec(409, "Invalid invoice state"),
    OverpaymentError: ProblemSpec(422, "Overpayment"),
    InvalidPaymentError: ProblemSpec(422, "Invalid payment"),
    InvalidInvoiceError: ProblemSpec(422, "Invalid invoice"),
}
