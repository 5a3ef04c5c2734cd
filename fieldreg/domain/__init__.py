"""Entities, value objects and rules of a registration. Pure functions over plain data."""
