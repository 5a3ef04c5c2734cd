"""Sync in words for volunteers: what a run did, what to do next, sizes and times.

Every text is a literal ``Q.translate("Sync", ...)`` call (``Q`` is QCoreApplication) so that
lupdate finds it; the page, the status bar and the history table share them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication as Q

from fieldreg.services.sync import Result, SyncReport
from ui.labels import number


def size_text(n_bytes: int) -> str:
    """``0 KB``, ``12 KB``, ``1,4 MB`` (decimal comma, as Indonesians write it)."""
    if n_bytes < 1024 * 1024:
        kb = (max(0, n_bytes) + 1023) // 1024
        return Q.translate("Sync", "{0} KB").format(number(kb))
    mb = f"{n_bytes / (1024 * 1024):.1f}".replace(".", ",")
    return Q.translate("Sync", "{0} MB").format(mb)


def local_time(when: datetime | None) -> datetime | None:
    """The service's naive UTC times, on this laptop's clock."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone()


def when_text(when: datetime | None, now: datetime | None = None) -> str:
    """``today 14:05``, ``yesterday 09:30``, ``28-12-2025 14:05``; ``never``."""
    t = local_time(when)
    if t is None:
        return Q.translate("Sync", "never")
    today = (now or datetime.now().astimezone()).date()
    hm = t.strftime("%H:%M")
    if t.date() == today:
        return Q.translate("Sync", "today {0}").format(hm)
    if (today - t.date()).days == 1:
        return Q.translate("Sync", "yesterday {0}").format(hm)
    return t.strftime("%d-%m-%Y %H:%M")


def trigger_text(trigger: str) -> str:
    return {
        "manual": Q.translate("Sync", "Button"),
        "auto": Q.translate("Sync", "Automatic"),
        "cli": Q.translate("Sync", "Command line"),
    }.get(trigger, trigger)


def result_short(result: str, *, needs_fixing: int = 0) -> str:
    """A few words for the history table."""
    if result == "running":  # the engine writes the row at the start of a run
        return Q.translate("Sync", "Running…")
    if result == "interrupted":  # a run cut short (power cut, the app killed)
        return Q.translate("Sync", "Cut short")
    try:
        r = Result(result)
    except ValueError:
        return result
    if r is Result.OK:
        if needs_fixing:
            return Q.translate("Sync", "Sent, some to fix")
        return Q.translate("Sync", "All sent")
    return {
        Result.PARTIAL: Q.translate("Sync", "Partly sent"),
        Result.OFFLINE: Q.translate("Sync", "No connection"),
        Result.NOT_OUR_SERVER: Q.translate("Sync", "Wi-Fi login page"),
        Result.UNAUTHORIZED: Q.translate("Sync", "Refused: paused"),
        Result.REVOKED: Q.translate("Sync", "Access withdrawn"),
        Result.SERVER_ERROR: Q.translate("Sync", "Server trouble"),
        Result.CANCELLED: Q.translate("Sync", "Stopped"),
        Result.BUSY: Q.translate("Sync", "Already running"),
        Result.NOT_ENROLLED: Q.translate("Sync", "Not registered"),
    }[r]


def outcome_counts(report: SyncReport) -> str:
    """``12 accepted, 1 already registered elsewhere, 2 rejected, to fix`` — what happened."""
    parts = []
    if report.applied:
        parts.append(Q.translate("Sync", "{0} accepted").format(number(report.applied)))
    if report.duplicate:
        parts.append(Q.translate("Sync", "{0} already registered elsewhere (duplicate)")
                     .format(number(report.duplicate)))
    refused = report.rejected + report.conflict
    if refused:
        parts.append(Q.translate("Sync", "{0} rejected, to fix").format(number(refused)))
    return ", ".join(parts)


def report_text(report: SyncReport) -> tuple[str, str]:
    """(kind, words) for the result of a run; kind is a Banner kind (success, warning, error,
    info). Says what happened, that nothing was lost, and what to do."""
    r = report.result
    waiting = number(report.remaining)
    counts = outcome_counts(report)
    fix = report.duplicate + report.rejected + report.conflict
    if r is Result.OK:
        if not report.sent:
            if report.pulled:
                return "success", Q.translate(
                    "Sync", "Nothing was waiting to be sent. {0} statuses were brought up to "
                    "date from the district server.").format(number(report.pulled))
            return "success", Q.translate(
                "Sync", "Nothing was waiting to be sent. Everything is up to date.")
        text = Q.translate("Sync", "All sent: {0}.").format(counts or number(report.sent))
        if fix:
            return "warning", text + " " + Q.translate(
                "Sync", "Open the records that need fixing, check them with the worker and "
                "save them again.")
        return "success", text
    if r is Result.PARTIAL:
        if counts:
            done = Q.translate("Sync", "{0} sent ({1}).").format(number(report.sent), counts)
        else:
            done = Q.translate("Sync", "{0} sent.").format(number(report.sent))
        stop = getattr(report, "stop", None)
        if stop is Result.CANCELLED:
            why = Q.translate("Sync", "You stopped it; {0} records still wait on this laptop "
                              "and go at the next sync.")
        elif stop is Result.SERVER_ERROR:
            why = Q.translate("Sync", "Then the district server had trouble; {0} records "
                              "still wait on this laptop and go at the next sync.")
        elif report.remaining == 0:
            return "warning", done + " " + Q.translate(
                "Sync", "Everything was sent, but the statuses could not be brought back "
                "this time; they come at the next sync.")
        else:
            why = Q.translate("Sync", "The connection stopped before the end; {0} records "
                              "still wait on this laptop and go at the next sync.")
        return "warning", done + " " + why.format(waiting)
    if r is Result.OFFLINE:
        return "warning", Q.translate(
            "Sync", "The district server could not be reached. Check the internet (mobile "
            "data or Wi-Fi) and try again. Nothing was lost: {0} records wait safely on this "
            "laptop.").format(waiting)
    if r is Result.NOT_OUR_SERVER:
        return "warning", Q.translate(
            "Sync", "The internet answered with a page that is not the district server, "
            "often a Wi-Fi login page. Open a web browser, log in to the Wi-Fi, then press "
            "Sync again. Nothing was lost.")
    if r is Result.UNAUTHORIZED:
        return "error", Q.translate(
            "Sync", "The district server refused this laptop, so sending is paused. The "
            "records stay safely on this laptop. Contact the district officer: they can give "
            "you a new enrolment code.")
    if r is Result.REVOKED:
        return "error", Q.translate(
            "Sync", "The district has withdrawn this laptop's access, so sending is paused. "
            "The records stay safely on this laptop. Contact the district officer.")
    if r is Result.SERVER_ERROR:
        return "warning", Q.translate(
            "Sync", "The district server has trouble right now and did not take the records. "
            "Nothing was lost: {0} records wait on this laptop. Try again later.").format(
                waiting)
    if r is Result.CANCELLED:
        return "info", Q.translate(
            "Sync", "Stopped. {0} were sent before stopping; {1} still wait and go at the "
            "next sync.").format(number(report.sent), waiting)
    if r is Result.BUSY:
        return "info", Q.translate(
            "Sync", "Another sync is already running on this laptop (perhaps from the "
            "command line). Try again in a minute.")
    return "warning", Q.translate(
        "Sync", "This laptop is not registered with the district server yet.")


def paused_text(paused: str) -> str:
    if paused == "revoked":
        return Q.translate(
            "Sync", "The district has withdrawn this laptop's access. The records stay safely "
            "on this laptop; do not delete anything. Contact the district officer and tell "
            "them the laptop's name: they decide what happens next.")
    return Q.translate(
        "Sync", "The district server refused this laptop. The records stay safely on this "
        "laptop. Ask the district officer for a new enrolment code and register the laptop "
        "again with it.")
