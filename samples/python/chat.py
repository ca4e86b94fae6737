"""Wrapper with the Python `openai` package (1.x or later): a plain answer, a streamed answer, a tool call.

Install and run (Python 3.9+):  pip install -r samples/python/requirements.txt
                                python samples/python/chat.py
Settings: WRAPPER_BASE_URL (default http://127.0.0.1:8000/v1), WRAPPER_API_KEY, WRAPPER_MODEL
(default claude-sonnet-4-5); WRAPPER_PROMPT_SUFFIX is added to every prompt (the tests use it).
"""
import os

from openai import OpenAI

client = OpenAI(
    base_url=os.environ.get("WRAPPER_BASE_URL", "http://127.0.0.1:8000/v1"),
    api_key=os.environ.get("WRAPPER_API_KEY", "not-needed"),
)
model = os.environ.get("WRAPPER_MODEL", "claude-sonnet-4-5")
suffix = os.environ.get("WRAPPER_PROMPT_SUFFIX", "")

# 1. A plain answer.
answer = client.chat.completions.create(
    model=model,
    messages=[
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "In one sentence: what is a gateway?" + suffix},
    ],
)
print(f"answer: {answer.choices[0].message.content}")
print(f"usage: {answer.usage.prompt_tokens} in, {answer.usage.completion_tokens} out")

# 2. A streamed answer, with usage at the end (the last chunk has no choices, only usage).
stream = client.chat.completions.create(
    model=model,
    stream=True,
    stream_options={"include_usage": True},
    messages=[{"role": "user", "content": "Count from one to five." + suffix}],
)
streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
print(f"stream: {streamed}")

# 3. A tool the model may call; this script would run it and send the result back.
tool_answer = client.chat.completions.create(
    model=model,
    messages=[{"role": "user", "content": "What is the weather in Paris?" + suffix}],
    tools=[{
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city.",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }],
)
choice = tool_answer.choices[0]
if choice.finish_reason == "tool_calls":
    for call in choice.message.tool_calls:
        print(f"tool call: {call.function.name}({call.function.arguments})")
else:
    print(f"no tool call: {choice.message.content}")

# Errors come as the SDK's own classes: openai.AuthenticationError (401), openai.RateLimitError (429,
# retried by the SDK first, honouring Retry-After), openai.APIStatusError for the rest (.status_code).
