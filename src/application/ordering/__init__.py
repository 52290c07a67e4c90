"""Ordering use cases: placing, reading, cancelling and shipping orders."""
