"""Participant cards: numbers, the signed QR credential, card faces and printable sheets.

No Qt here: the desktop app prints the images these modules draw.
"""
