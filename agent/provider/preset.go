package provider

import "strings"

// Dialect is the form of JSON Schema a provider accepts for tool
// parameters.
type Dialect string

// The dialects a request can be written in.
const (
	// FullSchema sends the schemas as generated: a nullable field is a
	// list type such as ["null", "array"].
	FullSchema Dialect = "json-schema"
	// Conservative gives every schema a single type name and no null
	// (an optional field is one that may be left out), the subset that
	// Gemini's endpoint and the local servers' grammar builders accept.
	Conservative Dialect = "conservative"
)

// Preset is a known provider: where it lives, which variable holds its
// key, a sensible current model, and how its requests and answers differ
// from OpenAI's.
type Preset struct {
	Name     string
	Title    string // for the README and error messages
	BaseURL  string // empty: the user must give one (Azure's is per resource)
	KeyEnv   string // empty: no key variable of its own
	URLEnv   string // variable that may override the base URL
	Model    string
	NeedsKey bool

	Dialect Dialect
	// StreamOptions sends stream_options.include_usage, which strict
	// gateways and older API versions reject.
	StreamOptions bool
	// EchoReasoning sends the reasoning of a turn that called tools back
	// with that turn, as reasoning_content (DeepSeek's thinking mode
	// refuses the next request without it).
	EchoReasoning bool
	// KeepCallExtras sends back the extra fields a tool call arrived with
	// (Gemini's thought_signature under extra_content).
	KeepCallExtras bool
	Notes          string
}

// custom is the preset of an endpoint given by --base-url alone: the
// adaptations every server tolerates.
const custom = "custom"

// Presets returns the providers sysarch knows by name.
func Presets() []Preset {
	return []Preset{
		{Name: "openai", Title: "OpenAI", BaseURL: "https://api.openai.com/v1", KeyEnv: "OPENAI_API_KEY", URLEnv: "OPENAI_BASE_URL",
			Model: "gpt-5-mini", NeedsKey: true, Dialect: FullSchema, StreamOptions: true},
		{Name: "anthropic", Title: "Anthropic (OpenAI-compatible endpoint)", BaseURL: "https://api.anthropic.com/v1/", KeyEnv: "ANTHROPIC_API_KEY",
			URLEnv: "ANTHROPIC_BASE_URL", Model: "claude-sonnet-4-5", NeedsKey: true, Dialect: FullSchema, StreamOptions: true},
		{Name: "gemini", Title: "Google Gemini (OpenAI-compatible endpoint)", BaseURL: "https://generativelanguage.googleapis.com/v1beta/openai/",
			KeyEnv: "GEMINI_API_KEY", URLEnv: "GEMINI_BASE_URL", Model: "gemini-2.5-flash", NeedsKey: true, Dialect: Conservative,
			KeepCallExtras: true, Notes: "thought signatures on tool calls are sent back; errors come as a JSON array"},
		{Name: "azure", Title: "Azure OpenAI", KeyEnv: "AZURE_OPENAI_API_KEY", URLEnv: "AZURE_OPENAI_BASE_URL",
			Model: "gpt-5-mini", NeedsKey: true, Dialect: FullSchema,
			Notes: "the endpoint is your resource's, https://RESOURCE.openai.azure.com/openai/v1; the model is your deployment's name"},
		{Name: "ollama", Title: "Ollama", BaseURL: "http://localhost:11434/v1", URLEnv: "OLLAMA_BASE_URL", Model: "llama3.1",
			Dialect: Conservative, StreamOptions: true, Notes: "no key; the model must support tools (llama3.1, qwen3, mistral-nemo…)"},
		{Name: "vllm", Title: "vLLM", BaseURL: "http://localhost:8000/v1", KeyEnv: "VLLM_API_KEY", URLEnv: "VLLM_BASE_URL", Model: "Qwen/Qwen3-8B",
			Dialect: Conservative, StreamOptions: true, Notes: "serve with --enable-auto-tool-choice --tool-call-parser NAME; the key only if --api-key is set"},
		{Name: "llamacpp", Title: "llama.cpp server", BaseURL: "http://localhost:8080/v1", URLEnv: "LLAMACPP_BASE_URL", Model: "default",
			Dialect: Conservative, Notes: "start llama-server with --jinja so the model can call tools"},
		{Name: "lmstudio", Title: "LM Studio", BaseURL: "http://localhost:1234/v1", URLEnv: "LMSTUDIO_BASE_URL", Model: "qwen/qwen3-8b",
			Dialect: Conservative, Notes: "no key; the model name as LM Studio lists it"},
		{Name: "openrouter", Title: "OpenRouter", BaseURL: "https://openrouter.ai/api/v1", KeyEnv: "OPENROUTER_API_KEY", URLEnv: "OPENROUTER_BASE_URL",
			Model: "openai/gpt-5-mini", NeedsKey: true, Dialect: Conservative, StreamOptions: true,
			Notes: "keep-alive comments while queued are skipped; an error chunk mid-stream is reported"},
		{Name: "groq", Title: "Groq", BaseURL: "https://api.groq.com/openai/v1", KeyEnv: "GROQ_API_KEY", URLEnv: "GROQ_BASE_URL",
			Model: "openai/gpt-oss-120b", NeedsKey: true, Dialect: Conservative, StreamOptions: true,
			Notes: "a tool call the model garbled arrives as an error event (tool_use_failed), reported as such"},
		{Name: "deepseek", Title: "DeepSeek", BaseURL: "https://api.deepseek.com/v1", KeyEnv: "DEEPSEEK_API_KEY", URLEnv: "DEEPSEEK_BASE_URL",
			Model: "deepseek-chat", NeedsKey: true, Dialect: Conservative, StreamOptions: true, EchoReasoning: true,
			Notes: "reasoning_content is sent back with the turn that called tools (thinking mode needs it)"},
		{Name: "mistral", Title: "Mistral", BaseURL: "https://api.mistral.ai/v1", KeyEnv: "MISTRAL_API_KEY", URLEnv: "MISTRAL_BASE_URL",
			Model: "mistral-large-latest", NeedsKey: true, Dialect: Conservative, Notes: "it refuses request fields it does not know"},
		{Name: custom, Title: "any other OpenAI-compatible server", KeyEnv: "SYSARCH_API_KEY", Model: "gpt-5-mini", Dialect: Conservative, KeepCallExtras: true,
			Notes: "what an unknown server tolerates; its key only from SYSARCH_API_KEY or the config file, never another provider's"},
	}
}

// PresetNamed returns the named preset.
func PresetNamed(name string) (Preset, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "llama.cpp" || name == "llama-cpp" {
		name = "llamacpp"
	}
	for _, p := range Presets() {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// PresetNames lists the names --provider accepts.
func PresetNames() []string {
	var names []string
	for _, p := range Presets() {
		names = append(names, p.Name)
	}
	return names
}
