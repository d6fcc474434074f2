"""Start Fact-check Workbench: ``python main.py [--db URL] [COMMAND ...]``."""

from workbench.app import main

if __name__ == "__main__":
    raise SystemExit(main())
