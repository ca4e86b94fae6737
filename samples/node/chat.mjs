// Wrapper with the npm `openai` package: a plain answer, a streamed answer, and a tool call.
// Run from the repository root after `npm install`: node samples/node/chat.mjs
// Settings: WRAPPER_BASE_URL (default http://127.0.0.1:8000/v1), WRAPPER_API_KEY, WRAPPER_MODEL
// (default claude-sonnet-4-5); WRAPPER_PROMPT_SUFFIX is added to every prompt (the tests use it).
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: process.env.WRAPPER_BASE_URL ?? "http://127.0.0.1:8000/v1",
  apiKey: process.env.WRAPPER_API_KEY ?? "not-needed",
});
const model = process.env.WRAPPER_MODEL ?? "claude-sonnet-4-5";
const suffix = process.env.WRAPPER_PROMPT_SUFFIX ?? "";

// 1. A plain answer.
const answer = await client.chat.completions.create({
  model,
  messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "In one sentence: what is a gateway?" + suffix }],
});
console.log(`answer: ${answer.choices[0].message.content}`);
console.log(`usage: ${answer.usage.prompt_tokens} in, ${answer.usage.completion_tokens} out`);

// 2. A streamed answer, with usage at the end.
const stream = await client.chat.completions.create({
  model, stream: true, stream_options: { include_usage: true },
  messages: [{ role: "user", content: "Count from one to five." + suffix }],
});
let streamed = "";
for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? "";
console.log(`stream: ${streamed}`);

// 3. A tool the model may call; this script would run it and send the result back.
const toolAnswer = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "What is the weather in Paris?" + suffix }],
  tools: [{ type: "function", function: { name: "get_weather", description: "Current weather for a city.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
});
const choice = toolAnswer.choices[0];
if (choice.finish_reason === "tool_calls")
  for (const call of choice.message.tool_calls) console.log(`tool call: ${call.function.name}(${call.function.arguments})`);
else console.log(`no tool call: ${choice.message.content}`);
