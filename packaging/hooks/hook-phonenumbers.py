"""Replaces pyinstaller-hooks-contrib's hook, which collects every phonenumbers submodule.

fieldreg parses and validates numbers (phonenumbers.data, loaded by region at run time, and
shortdata, imported by the package itself); it never asks for a number's place, carrier or time
zone, whose tables (geodata, carrierdata, tzdata) are 45 MB of modules.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("geocoder", "geodata", "carrier", "carrierdata", "timezone", "tzdata")

hiddenimports = collect_submodules(
    "phonenumbers",
    filter=lambda name: name.split(".")[1:2] not in ([u] for u in UNUSED),
)
