// Placeholder entry point: the REPL is written separately.
return 0;
