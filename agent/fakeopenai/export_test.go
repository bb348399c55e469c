package fakeopenai

// Run is Main with a context to stop it, for tests.
var Run = run
