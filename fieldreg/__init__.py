"""fieldreg core: registration rules, encrypted local store, services. Never imports Qt."""

__version__ = "0.2.0"
