"""Runs the schemathesis 3.39 command line with two compatibility fixes for the Hypothesis of
the shared environment (6.170), which is newer than schemathesis 3.39 and hypothesis-jsonschema
0.23 were written for; without them every operation errors before a request is sent:

- schemathesis merges settings by passing every item of a settings object's ``__dict__`` back
  to ``hypothesis.settings(...)``; Hypothesis now keeps them there under private names
  (``_max_examples``) beside a ``_fallback``, which its constructor refuses. Each is passed
  under its public name instead (else ``--hypothesis-max-examples`` would be lost: 100).
- hypothesis-jsonschema draws object properties with ``while elements.more(): …`` on the
  internal ``many`` helper, which Hypothesis replaced by ``with many(…) as e: for _ in e: …``
  ("'many' object has no attribute 'more'"). ``more()`` is given back on top of the new
  protocol: it enters on the first call, steps the iteration, and exits when it ends.

And one hook that narrows what is generated, not what is checked: a header value must be one
HTTP can carry (visible ASCII, spaces and tabs inside). The random bearer tokens schemathesis
makes for the security scheme include NUL and form feeds ("Bearer \\x00"); uvicorn refuses
those requests itself with a plain-text 400 before the application sees them, which no
OpenAPI document of the application can describe. Malformed tokens that HTTP can carry are
still generated (and tested by hand in test_bad_input).

``python -m tests.server.st_compat run SCHEMA_URL …`` takes the CLI's own arguments."""

from __future__ import annotations

import re
import sys
import types

import hypothesis
import hypothesis_jsonschema._from_schema as from_schema
import schemathesis
import schemathesis._hypothesis as generation
from hypothesis.internal.conjecture import utils
from hypothesis.utils.conventions import not_set

_REAL = hypothesis.settings
PUBLIC = {name for name in dir(_REAL) if isinstance(getattr(_REAL, name, None), property)
          or name in ("max_examples", "deadline", "phases", "database", "derandomize",
                      "verbosity", "stateful_step_count", "report_multiple_bugs",
                      "suppress_health_check", "print_blob", "backend")}


class _Settings:
    def __call__(self, *args, **kwargs):
        # the items of __dict__ are now private names ("_max_examples") beside "_fallback":
        # each setting is passed under its public name, the rest dropped
        return _REAL(*args, **{k.lstrip("_"): v for k, v in kwargs.items()
                               if k.lstrip("_") in PUBLIC and v is not not_set})

    def __getattr__(self, name):
        return getattr(_REAL, name)


_shim = types.ModuleType("hypothesis")
_shim.__dict__.update(hypothesis.__dict__)
_shim.settings = _Settings()
generation.hypothesis = _shim


class _Many(utils.many):
    def more(self) -> bool:
        if self._depth is None:
            self.__enter__()
            self._steps = iter(self)
        if next(self._steps, StopIteration) is StopIteration:
            self.__exit__(None)
            return False
        return True


if not hasattr(utils.many, "more"):
    from_schema.cu = types.SimpleNamespace(**{**vars(utils), "many": _Many})


HTTP_FIELD = re.compile(r"^[\t\x20-\x7e]*$")


@schemathesis.hook
def filter_headers(context, headers) -> bool:
    return headers is None or all(HTTP_FIELD.match(str(value)) for value in headers.values())


def main() -> None:
    from schemathesis.cli import schemathesis

    sys.exit(schemathesis())


if __name__ == "__main__":
    main()
