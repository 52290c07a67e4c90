"""Roles are part of the ubiquitous language: every context decides what each may do."""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    CUSTOMER = "customer"
