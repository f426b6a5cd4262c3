// CLICore owns what every command of mlopslab shares, whether it runs one-shot or typed in the
// REPL: the state home (where all state lives), the console the command reads answers from and
// writes to, the user-facing error protocol, and JSON output helpers. It holds no feature logic;
// feature modules (exam, ML, later the workspace) depend on it so their ArgumentParser commands
// can run in both modes without touching the process (no exit(), no global stdout state).
