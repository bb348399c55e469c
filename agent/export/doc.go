// Package export writes sysarch's persona as an agent for other products.
//
// Claude writes a Claude Code subagent file (.claude/agents/NAME.md) and
// registers sysarch's MCP server in the project's .mcp.json. Codex writes an
// OpenAI Codex custom agent (.codex/agents/NAME.toml) and registers the MCP
// server in .codex/config.toml. AgentsSDK returns a JSON agent definition
// whose tools are Responses API function tools.
//
// The writers keep every key they do not own, never change a file they
// cannot parse, replace files atomically, and refuse to overwrite an agent
// file with other content unless forced. The tool names and definitions are
// parameters, so the caller passes whatever the capacity tool registry holds.
package export
