"""Ordering: what customers buy, at which prices, and how far along each order is."""
