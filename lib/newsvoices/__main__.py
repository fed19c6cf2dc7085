"""``python -m newsvoices``: see :mod:`newsvoices.cli`."""

from .cli import main

raise SystemExit(main())
