// AzCLI owns the `az` command surface typed in the REPL or run as `mlopslab az ...`: the real
// CLI v2 groups, commands and flags, az-shaped output (json, table, tsv, yaml, none, --query with
// a JMESPath subset), az-style errors and exit codes, and "did you mean" suggestions. It turns
// words into Workspace operations and prints their results; it holds no state of its own.
