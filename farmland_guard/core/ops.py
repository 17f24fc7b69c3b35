"""What the outbox holds and the sync sends: the kinds of operation and what the server
answers for each (protocol, not data)."""

from __future__ import annotations

from enum import Enum


class OpKind(str, Enum):
    RESULT = "result"  # a verdict (result) of a patch or parcel
    PARCELS = "parcels"  # a split or merge of a patch, with the outlines
    REVIEW = "review"  # a reviewer's approval or return of a submitted result, with a comment
    PROBLEM = "problem"  # a problem of the rectification ledger (整改台账), with its case


# The kinds the server takes (all of them since its migration 0004 added problems): a kind
# not listed here would wait in the outbox until the server takes it too.
SYNCED_KINDS = (OpKind.RESULT.value, OpKind.PARCELS.value, OpKind.REVIEW.value,
                OpKind.PROBLEM.value)


# The status of each op in a push reply (DESIGN.md §6.3).
APPLIED, DUPLICATE, CONFLICT, REJECTED = "applied", "duplicate", "conflict", "rejected"

# What a pulled copy became in the work store: written in, one we already had (our own push
# coming back), or a result of a patch this store does not hold (another batch of the region,
# as a reviewer's feed brings them).
TAKEN, SAME, ELSEWHERE = "taken", "same", "elsewhere"
