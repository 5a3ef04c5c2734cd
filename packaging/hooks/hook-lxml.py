"""Replaces pyinstaller-hooks-contrib's hook, which collects every lxml submodule.

lxml comes in for pikepdf (img2pdf's PDF writer, and openpyxl when present), and both use only
lxml.etree (which imports lxml._elementpath): objectify, html, sax, builder and isoschematron
(4.5 MB) stay out.
"""

hiddenimports = ["lxml.etree", "lxml._elementpath"]
