// Shell owns the user's side of mlopslab: the root command table shared by one-shot runs and the
// REPL, the REPL loop with libedit line editing, history and context-sensitive Tab completion,
// the interactive practice and exam runners, and rendering. It wires the feature modules to the
// Store; the executable only hands it the process arguments.
