"""The `cptdesk` command: reference look-ups, imports and the server.

Every command first makes sure the database exists, is migrated and contains the bundled public
data, and says so when it has to do that work, so the CLI works right after installation.
"""

import os
import sys

# The product's own commands, mapped to the Django management commands that implement them.
COMMANDS = {
    "setup": (
        "setup",
        "Create the database, load the bundled data, create the first user",
    ),
    "adduser": ("adduser", "Add a user, and with --create-practice a practice"),
    "serve": ("serve", "Start the web app on 127.0.0.1:8000"),
    "lookup": (
        "lookup",
        "Print the facts about a code: cptdesk lookup CODE [--date D]",
    ),
    "search": ("search_codes", "Search codes and descriptions: cptdesk search WORDS"),
    "import": ("import_reference", "Load a reference file: cptdesk import KIND FILE"),
    "prescrub": ("prescrub", "Import a schedule and print its red flags"),
    "check-note": ("check_note", "Say whether a status note is actionable"),
    "check-scope": ("check_scope", "Find coverage, price, coding or clinical promises"),
    "import-835": ("import_835", "Import X12 835 remittance files"),
    "unlock": ("unlock", "Let a user locked out after failed sign-ins sign in again"),
}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cptdesk.settings")
    # Commands print their own results; the log's info lines would repeat them. The
    # server keeps them: they are its record of imports and user changes.
    if argv[:1] != ["serve"]:
        os.environ.setdefault("CPTDESK_LOG_LEVEL", "WARNING")
    if not argv or argv[0] in ("-h", "--help", "help"):
        print_help()
        return 0

    import django
    from django.core.management import execute_from_command_line

    django.setup()
    name = argv[0]
    if name in COMMANDS:
        from cptdesk.codes.bundled import ensure_ready

        if name != "setup":
            ensure_ready(sys.stderr)
        name = COMMANDS[name][0]
    execute_from_command_line(["cptdesk", name, *argv[1:]])
    return 0


def print_help():
    print("usage: cptdesk COMMAND [options]\n\nCommands:")
    for name, (_, summary) in COMMANDS.items():
        print(f"  {name:<8} {summary}")
    print("\nAny Django management command also works, e.g. `cptdesk changepassword`.")
    print("Run `cptdesk COMMAND --help` for a command's options.")


if __name__ == "__main__":
    sys.exit(main())
