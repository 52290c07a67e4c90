"""Billing use cases: issuing, reading, paying and voiding invoices."""
