"""The docker CLI as scripts call it: option tables, one option parser, verb spellings, sudo and
image references. The tracer reads scripts with it and verify's docker front reads live command
lines with it, so both understand a command the same way."""
