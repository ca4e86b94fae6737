// The npm `openai` package (pinned in the repository's package.json) as a client of the gateway.
// Usage: node openai-client.mjs <baseURL> <stream|plain> <model> <user message>
// Prints one JSON line: {"content", "finish", "usage"} or {"error": {"status", "message"}}.
import OpenAI from "openai";

const [baseURL, mode, model, message] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: "unused", maxRetries: 0 });
const request = { model, messages: [{ role: "user", content: message }] };

try {
  if (mode === "stream") {
    const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
    let content = "", finish = null, usage = null;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    console.log(JSON.stringify({ content, finish, usage }));
  } else {
    const completion = await client.chat.completions.create(request);
    console.log(JSON.stringify({ content: completion.choices[0].message.content, finish: completion.choices[0].finish_reason, usage: completion.usage }));
  }
} catch (error) {
  console.log(JSON.stringify({ error: { status: error.status ?? null, message: String(error.message) } }));
}
