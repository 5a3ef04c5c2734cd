"""cards: participant numbers made on the device, and the history of printed cards

Revision ID: 0003_cards
Revises: 0002_search
Create Date: 2026-11-21

Adds the device's participant-number sequence, a unique index on participant numbers and the
card_print table. Records that had already left draft get their number here, in the order they
were created, so every queued record carries one; their outbox entries that are still pending
(never sent, so no server holds them) are brought up to date with the number and re-hashed.
Entries already sent are history and stay as they were.
"""
import hashlib
import json

import sqlalchemy as sa
from alembic import op

from fieldreg.domain import participant_number as numbers

revision = "0003_cards"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "device",
        sa.Column("participant_seq", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index(
        "uq_registration_participant_number", "registration", ["participant_number"],
        unique=True,
    )
    op.create_table(
        "card_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.String(length=36), nullable=False),
        sa.Column("serial", sa.String(length=24), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("volunteer_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("layout", sa.String(length=8), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registration_id"], ["registration.id"],
            name=op.f("fk_card_print_registration_id_registration"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_print")),
        sa.UniqueConstraint("serial", name=op.f("uq_card_print_serial")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_card_print_registration_id"), "card_print", ["registration_id"], unique=False
    )
    _number_existing_records()


def _number_existing_records() -> None:
    conn = op.get_bind()
    device = conn.execute(sa.text("SELECT id, public_key FROM device")).first()
    if device is None:
        return
    rows = conn.execute(
        sa.text(
            "SELECT pk, id FROM registration WHERE status != 'draft' "
            "AND participant_number IS NULL ORDER BY pk"
        )
    ).all()
    seq = 0
    for pk, record_id in rows:
        seq += 1
        number = numbers.make(device.public_key, seq)
        conn.execute(
            sa.text("UPDATE registration SET participant_number = :n WHERE pk = :pk"),
            {"n": number, "pk": pk},
        )
        pending = conn.execute(
            sa.text("SELECT seq, payload FROM outbox WHERE record_id = :r AND state = 'pending'"),
            {"r": record_id},
        ).all()
        for entry_seq, payload in pending:
            doc = json.loads(payload)
            doc["participant_number"] = number
            canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            conn.execute(
                sa.text("UPDATE outbox SET payload = :p, payload_hash = :h WHERE seq = :s"),
                {"p": canonical, "h": hashlib.sha256(canonical.encode()).hexdigest(),
                 "s": entry_seq},
            )
    conn.execute(sa.text("UPDATE device SET participant_seq = :s"), {"s": seq})


def downgrade() -> None:
    op.drop_index(op.f("ix_card_print_registration_id"), table_name="card_print")
    op.drop_table("card_print")
    op.drop_index("uq_registration_participant_number", table_name="registration")
    with op.batch_alter_table("device") as batch_op:
        batch_op.drop_column("participant_seq")
