"""The explorer: `rangemap serve`, a local web app whose page asks every question of the command
line by pointing and clicking. Its API takes the command line's options (as JSON, dashes as
underscores), checks them through the same parser and answers with the same records as --json;
its downloads come from the same writers as -o. Nothing is computed here that the commands do not
compute; the app adds the web's guards (rangemap.explorer.guard) and a warm, bounded pool."""
