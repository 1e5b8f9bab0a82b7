"""Background work for the community board: thin wrappers over services, safe to run twice."""

from __future__ import annotations

from collections.abc import Callable

from intake.community.digest import community_digest_send

# The worker's periodic work for the board (assembled in intake/site/worker.py): the digests of
# new replies to followed threads.
SWEEPS: list[Callable[[], object]] = [community_digest_send]
