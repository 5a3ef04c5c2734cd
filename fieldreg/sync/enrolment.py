"""Enrolling this laptop with the district server: the signed-challenge request, under the
client's one retry policy (``fieldreg.sync.client.Retry``). Storing the answer is the service's
job (``fieldreg.services.sync.enrol``).

Each attempt fetches the server's challenge and signs the request (code, device, key, name,
version, home regency, challenge) with this laptop's Ed25519 private key: the server gives a
token for this device only to the holder of its key. Refusals are ``EnrolError`` with a stable
code (the words are in ``fieldreg.i18n.messages``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from fieldreg import __version__
from fieldreg.sync import protocol as p
from fieldreg.sync.client import (
    Backoff,
    NotOurServer,
    Permanent,
    Retry,
    SyncClient,
    Transient,
    Unauthorized,
)

if TYPE_CHECKING:
    from fieldreg.sync.engine import EngineOptions

# The server's refusal codes → ours.
ENROL_ERRORS = {
    "code_unknown": "enrol_code_unknown",
    "code_used": "enrol_code_used",
    "code_expired": "enrol_code_expired",
    "device_part_taken": "enrol_device_part_taken",
    "wrong_district": "enrol_code_other_district",
    "signature_invalid": "enrol_signature_invalid",
    "challenge_stale": "enrol_challenge_stale",
}
ENROL_ATTEMPTS = 3  # the enrolment's budget under the retry policy (a person is waiting)


class EnrolError(Exception):
    """The enrolment could not be done: a stable ``code`` (enrol_code_unknown, enrol_code_used,
    enrol_rate_limited, server_unreachable, server_error, not_our_server, …) and its
    parameters. Never carries personal data."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class EnrollingDevice:
    """This laptop as the enrolment presents it."""

    id: str
    name: str
    regency_code: str
    public_key: bytes
    signing_key: bytes = field(repr=False)  # Ed25519 private key, raw: signs the enrolment


def request_enrolment(url: str, code: str, device: EnrollingDevice, opt: EngineOptions
                      ) -> p.EnrolResponse:
    """The server's answer to enrolling ``device`` at ``url`` with the one-time ``code``
    (already normalised). A transient failure is retried under the retry policy (at most
    ``ENROL_ATTEMPTS`` attempts, the backoff's short waits), except a 429, which is said at
    once with the server's wait;
    a stale challenge (an earlier attempt of ours got through, its answer lost) is asked again
    within the same budget. EnrolError otherwise."""
    try:
        req = p.EnrolRequest(
            code=code, device_id=device.id, device_name=device.name[:80],
            public_key=p.b64(device.public_key), app_version=__version__,
            district=device.regency_code,
        )
    except ValidationError:
        raise EnrolError("enrol_code_unknown", field="code") from None
    client = SyncClient(url, connect_timeout=opt.connect_timeout,
                        read_timeout=opt.read_timeout, session=opt.session)
    # A person waits at the dialog, with no cancel: three quick tries, a 429 said at once
    # (below) and no other wait of the server's (up to RETRY_AFTER_CAP) taken.
    retry = Retry(ENROL_ATTEMPTS, Backoff(opt.backoff_base, opt.backoff_cap, opt.rng),
                  sleep=opt.sleep, server_wait=False)
    try:
        while True:
            try:
                # A new challenge each attempt: the server takes a used code again only with
                # a challenge newer than its last use.
                challenge = client.enrol_challenge().challenge
                return client.enrol(signed(req, challenge, device.signing_key))
            except Transient as exc:
                if exc.status == 429:
                    raise EnrolError("enrol_rate_limited",
                                     seconds=int(exc.retry_after or 60)) from exc
                if not retry.again():
                    raise EnrolError("server_unreachable" if exc.offline else "server_error",
                                     url=url) from exc
                retry.wait(retry.delay(exc))
            except NotOurServer as exc:
                raise EnrolError("not_our_server", url=url) from exc
            except (Permanent, Unauthorized) as exc:
                if exc.code == p.ErrorCode.CHALLENGE_STALE and retry.again():
                    # An earlier attempt of ours got through after this challenge was given
                    # (its answer lost): a newer challenge gets the same device.
                    continue
                raise EnrolError(ENROL_ERRORS.get(exc.code, "enrol_refused"),
                                 reason=exc.code) from exc
    finally:
        client.close()


def signed(req: p.EnrolRequest, challenge: str, signing_key: bytes) -> p.EnrolRequest:
    """``req`` for ``challenge``, signed with this laptop's Ed25519 private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    req = req.model_copy(update={"challenge": challenge, "signature": ""})
    signature = Ed25519PrivateKey.from_private_bytes(signing_key).sign(p.enrol_message(req))
    return req.model_copy(update={"signature": p.b64(signature)})
