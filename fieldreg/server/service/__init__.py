"""The server's use cases: enrolment, push, pull and the district's own (admin) changes.

Each takes the ``Database`` and the ``Settings``, runs in one transaction and commits once.
"""
