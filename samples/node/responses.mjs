// Wrapper's Responses API (POST /v1/responses) with the npm `openai` package: a plain answer, a
// streamed answer, a tool call and its result sent back, and a conversation continued by id.
// Run from the repository root after `npm install`: node samples/node/responses.mjs
// Settings: WRAPPER_BASE_URL (default http://127.0.0.1:8000/v1), WRAPPER_API_KEY, WRAPPER_MODEL
// (default claude-sonnet-4-5); WRAPPER_PROMPT_SUFFIX is added to every prompt (the tests use it).
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: process.env.WRAPPER_BASE_URL ?? "http://127.0.0.1:8000/v1",
  apiKey: process.env.WRAPPER_API_KEY ?? "not-needed",
});
const model = process.env.WRAPPER_MODEL ?? "claude-sonnet-4-5";
const suffix = process.env.WRAPPER_PROMPT_SUFFIX ?? "";

// 1. A plain answer; the gateway stores it (store defaults to true) so it can be continued.
const answer = await client.responses.create({ model, instructions: "Be brief.", input: "In one sentence: what is a gateway?" + suffix });
console.log(`answer: ${answer.output_text}`);
console.log(`usage: ${answer.usage.input_tokens} in, ${answer.usage.output_tokens} out`);

// 2. A streamed answer: response.output_text.delta events, then response.completed.
const stream = client.responses.stream({ model, input: "Count from one to five." + suffix });
let streamed = "";
for await (const event of stream) if (event.type === "response.output_text.delta") streamed += event.delta;
console.log(`stream: ${streamed}`);

// 3. A tool the model may call; the result goes back as a function_call_output item.
const tools = [{ type: "function", name: "get_weather", description: "Current weather for a city.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }];
const toolAnswer = await client.responses.create({ model, tools, input: "What is the weather in Paris?" + suffix });
const call = toolAnswer.output.find((item) => item.type === "function_call");
if (!call) console.log(`no tool call: ${toolAnswer.output_text}`);
else {
  console.log(`tool call: ${call.name}(${call.arguments})`);
  const followUp = await client.responses.create({
    model, tools, previous_response_id: toolAnswer.id,
    input: [{ type: "function_call_output", call_id: call.call_id, output: "22 degrees and sunny" }],
  });
  console.log(`after the tool: ${followUp.output_text}`);
}
