"""The `mlvc-review` command line: Typer parses, the core works, `mlvc_review.ui` renders.

Command groups live in sibling modules, each with `register(app)`; a module is
imported and its commands built only when one of them runs (or help lists them),
so `mlvc-review quiz ...` never pays for the grader's options. Expected failures
(`MlvcError`) are printed as one message and mapped to their exit code here, once;
nothing else in the package exits.
"""

from __future__ import annotations

import importlib

import typer
import typer.main
from typer.core import TyperGroup

from mlvc_review import __version__
from mlvc_review.cli.options import reset_session_lang, session_lang
from mlvc_review.errors import MlvcError


# command name -> the sibling module whose register(app) adds it (in help order)
COMMANDS = {
    "quiz": "quiz", "review": "quiz", "exam": "quiz", "stats": "quiz", "progress": "quiz",
    "grade": "grade", "start": "grade",
    "tasks": "tasks",
    "gradebook": "classroom", "class-report": "classroom", "export": "classroom",
    "bank": "bank", "chapters": "bank",
}


# click's UsageError, whichever click typer brings (its own copy in recent versions, the package before)
_RAW_ARGS = "mlvc_review.raw_args"
_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _usage_error_zh(err) -> None:
    """A usage error of a `--lang zh` command, in Chinese: usage line, where help is, the error."""
    from mlvc_review.cli.usage_zh import translate, usage_line
    from mlvc_review.ui import err_console, print_error

    if err.ctx is not None:
        err_console.print(usage_line(err.ctx.get_usage()), highlight=False, markup=False, soft_wrap=True)
        err_console.print(f"查看帮助：{err.ctx.command_path} -h", highlight=False, markup=False, soft_wrap=True)
    print_error(translate(err.format_message()), "zh")


class _Root(TyperGroup):
    """The root command group: builds command modules on demand; maps expected failures to exit codes."""

    def parse_args(self, ctx, args):  # type: ignore[override]
        ctx.meta[_RAW_ARGS] = list(args)  # the words as typed, for the language of a usage error
        return super().parse_args(ctx, args)

    def list_commands(self, ctx):  # type: ignore[override]
        return list(dict.fromkeys([*COMMANDS, *super().list_commands(ctx)]))

    def get_command(self, ctx, cmd_name):  # type: ignore[override]
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def _load(self, module: str) -> None:
        """Import `mlvc_review.cli.<module>`, build its commands with Typer and add them here."""
        sub = typer.Typer(rich_markup_mode="rich")
        importlib.import_module(f"{__package__}.{module}").register(sub)
        built = typer.main.get_command(sub)
        for name, command in getattr(built, "commands", {built.name: built}).items():
            self.add_command(command, name)

    def invoke(self, ctx):  # type: ignore[override]
        reset_session_lang()  # the command's --lang (an eager option) sets it before any other check runs
        try:
            return super().invoke(ctx)
        except MlvcError as err:
            from mlvc_review.ui import print_error

            lang = session_lang()
            print_error(err.text(lang), lang)
            ctx.exit(err.exit_code)
        except _USAGE_ERROR as err:  # the parser's own message: English from click, unless we say it
            from mlvc_review.cli.usage_zh import asks_for_zh

            if session_lang() != "zh" and not asks_for_zh(ctx.meta.get(_RAW_ARGS, [])):
                raise
            _usage_error_zh(err)
            ctx.exit(err.exit_code)
        except (KeyboardInterrupt, typer.Abort):  # Ctrl-C anywhere, a confirmation prompt's too
            from mlvc_review.quiz.strings import t
            from mlvc_review.ui import print_error

            print_error(t("interrupted", session_lang()), session_lang())
            ctx.exit(130)


app = typer.Typer(
    cls=_Root,
    name="mlvc-review",
    help="Revision quiz and sandboxed auto-grader for Machine Learning for Visual Computing.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion; values from mlvc_review.cli.completion
    pretty_exceptions_show_locals=False,  # answers may be in scope
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)



def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlvc-review {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Revision quiz and sandboxed auto-grader for Machine Learning for Visual Computing."""


def main() -> None:
    """Console-script entry point."""
    app()
