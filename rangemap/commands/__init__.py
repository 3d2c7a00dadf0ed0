"""The commands of `rangemap`, one module per command or family of commands."""
