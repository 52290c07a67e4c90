"""Billing: what customers owe for their orders, and what they have paid."""
