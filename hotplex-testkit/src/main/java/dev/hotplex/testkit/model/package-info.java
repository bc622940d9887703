/**
 * A scripted fake of the Anthropic Messages API, so Claude Code (and anything else that speaks that API) can run
 * offline, fast and deterministically: in tests, in the offline demo ({@code hotplex demo}) and in benchmarks. The
 * same script also answers in the OpenAI Chat Completions dialect (OpenCode) and the Gemini dialect (Gemini CLI).
 *
 * <ul>
 *   <li>{@link dev.hotplex.testkit.model.FakeModelServer}: the HTTP server on {@code 127.0.0.1}; its
 *       {@code baseUrl()} is the value for {@code ANTHROPIC_BASE_URL}. It records every request.</li>
 *   <li>{@link dev.hotplex.testkit.model.ModelScript}: what to answer, as rules ("when the user says X, call tool Y")
 *       plus a fallback ({@code ECHO: <text>}, and {@code DONE: tool finished (<result>)} after a tool call).
 *       {@code ModelScript.demo()} is the offline demo's scripted conversation.</li>
 *   <li>{@link dev.hotplex.testkit.model.ModelReply}: one answer: text, tool calls, an HTTP error, a delay, usage.</li>
 *   <li>{@link dev.hotplex.testkit.model.ModelRequest} and {@link dev.hotplex.testkit.model.ToolResult}: a recorded
 *       request, with helpers that see through Claude Code's system entries and {@code <system-reminder>} blocks.</li>
 * </ul>
 *
 * <p>What Claude Code 2.1.330 does against it (with the offline environment variables, see the brief): it only calls
 * {@code POST /v1/messages?beta=true} with {@code "stream": true}, one request per model step (a turn with one tool
 * call makes two). It retries 429/5xx/529 with back-off unless the answer carries {@code x-should-retry: false},
 * which every error of this server does by default; it re-sends a 400 up to five times with simplified variants.
 */
package dev.hotplex.testkit.model;
