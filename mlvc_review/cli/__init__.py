"""The `mlvc-review` command line: Typer parses, the core works, `mlvc_review.ui` renders.

Command groups live in sibling modules, each with `register(app)`. Expected
failures (`MlvcError`) are printed as one message and mapped to their exit code
here, once; nothing else in the package exits.
"""

from __future__ import annotations

import importlib
import importlib.util

import typer
from typer.core import TyperGroup

from mlvc_review import __version__
from mlvc_review.errors import MlvcError


class _Root(TyperGroup):
    """The root command group: the one place where expected failures become exit codes."""

    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MlvcError as err:
            from mlvc_review.ui import print_error

            print_error(str(err))
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            from mlvc_review.ui import print_error

            print_error("interrupted; every answer given so far is saved")
            ctx.exit(130)


app = typer.Typer(
    cls=_Root,
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
    """Console-script entry point."""
    app()
