"""The `mlvc-review` command line: Typer parses, the core works, `mlvc_review.ui` renders.

Command groups live in sibling modules, each with `register(app)`. Expected
failures (`MlvcError`) are printed as one message and mapped to their exit code
here, once; nothing else in the package exits.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import typer

from mlvc_review import __version__
from mlvc_review.errors import MlvcError

app = typer.Typer(
    name="mlvc-review",
    help="Revision quiz and sandboxed auto-grader for Machine Learning for Visual Computing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # answers may be in scope
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each module adds its commands with register(app). Modules are imported at start-up,
# so they must import their heavy dependencies (torch, sympy, hypothesis) lazily.
COMMAND_MODULES = ("bank", "quiz", "grade")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlvc-review {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Revision quiz and sandboxed auto-grader for Machine Learning for Visual Computing."""


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        module_name = f"{__name__}.{name}"
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).register(app)


_register_commands()


def main() -> None:
    """Console-script entry point: run the app, map expected failures to exit codes."""
    try:
        app(standalone_mode=False)
    except MlvcError as err:
        from mlvc_review.ui import print_error

        print_error(str(err))
        sys.exit(err.exit_code)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.Abort:
        from mlvc_review.ui import print_error

        print_error("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        from mlvc_review.ui import print_error

        print_error("interrupted; every answer given so far is saved")
        sys.exit(130)
    except Exception as err:  # click usage errors and the like
        import click

        if isinstance(err, click.exceptions.ClickException):
            err.show()
            sys.exit(err.exit_code)
        raise
