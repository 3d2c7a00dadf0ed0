"""rangemap: the command-line application on top of geo, routes and basemaps."""

__version__ = "0.1.0"
