#!/usr/bin/env python
"""Django's command-line utility for STaR."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.local")
    from django.core.management import execute_from_command_line

    from core.where import Where, working_from

    # Audit rows written by a command name it (`command:import_legacy`), as a page's name its path.
    with working_from(Where(path=f"command:{sys.argv[1] if len(sys.argv) > 1 else 'help'}"[:300])):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
