"""The commands of `rangemap`, one module per command or family of commands (each adds its
parser and runs it), their shared options, and `run`: one command line in, its exit code out."""

from rangemap.commands.command_line import run

__all__ = ["run"]
