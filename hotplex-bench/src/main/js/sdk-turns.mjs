// Warm turns through the Claude Agent SDK for TypeScript, for hotplex's latency benchmark (SdkDriver.java).
//
// usage: node sdk-turns.mjs <claude executable> <working directory>
// stdin: one prompt per line; each becomes a user message in ONE streaming-input session (one warm CLI process).
// stdout: one JSON line per turn: {"ns": "<prompt handed to the SDK -> result message>", "ok": bool, "text": ".."}.
// The CLI gets this process's environment (the harness sets it to what hotplex's agent got), no settings files,
// a catch-all PreToolUse hook answering "ask" and a canUseTool callback: the same set-up hotplex uses.
import { query } from '@anthropic-ai/claude-agent-sdk';
import { createInterface } from 'node:readline';

const [claudePath, cwd] = process.argv.slice(2);
if (!claudePath || !cwd) {
  process.stderr.write('usage: node sdk-turns.mjs <claude executable> <working directory>\n');
  process.exit(2);
}

const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let sentAt = 0n;

async function* prompts() {
  for (;;) {
    const next = await input.next();
    if (next.done) {
      return;
    }
    sentAt = process.hrtime.bigint();
    yield {
      type: 'user',
      session_id: '',
      parent_tool_use_id: null,
      message: { role: 'user', content: [{ type: 'text', text: next.value }] },
    };
  }
}

const askHotplexStyle = async () => ({
  hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'ask' },
});

const options = {
  pathToClaudeCodeExecutable: claudePath,
  cwd,
  env: process.env,
  settingSources: [],
  hooks: { PreToolUse: [{ hooks: [askHotplexStyle] }] },
  canUseTool: async () => ({ behavior: 'deny', message: 'the benchmark allows no tool calls' }),
  stderr: () => {},
};

for await (const message of query({ prompt: prompts(), options })) {
  if (message.type === 'result') {
    const ns = process.hrtime.bigint() - sentAt;
    process.stdout.write(JSON.stringify({ ns: ns.toString(), ok: !message.is_error, text: message.result ?? '' }) + '\n');
  }
}
