"""``python -m workbench``: the same program as ``main.py`` and the ``workbench`` script."""

from workbench.app import main

raise SystemExit(main())
