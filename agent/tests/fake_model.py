"""A deterministic local model at the Strands model boundary (no network, no AWS).

It is a real ``strands.models.Model`` subclass, so the Agent, the event loop, request handling and
logging around it are the production code. What it does is chosen by the prompt's prefix:

    sleep:<seconds>:<text>  wait (asyncio), then answer like echo with <text>
    fail:<text>             raise RuntimeError whose message quotes the whole prompt
    throttle:<text>         raise strands' ModelThrottledException
    hang:<text>             never answer (for the model timeout)
    block:<seconds>:<text>  wait in a worker thread, as boto3 does inside BedrockModel, then echo
    count:<text>            answer "messages=<n>": how many messages the agent sent (statelessness)
    anything else           answer "echo: <prompt>"
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, AsyncGenerator, AsyncIterable, Dict, List, Optional

from strands.models import Model
from strands.types.exceptions import ModelThrottledException


class FakeModel(Model):
    def __init__(self, model_id: str = "fake-model") -> None:
        self.config: Dict[str, Any] = {"model_id": model_id, "context_window_limit": 200_000}

    def update_config(self, **model_config: Any) -> None:
        self.config.update(model_config)

    def get_config(self) -> Dict[str, Any]:
        return self.config

    async def structured_output(
        self, output_model: Any, prompt: Any, system_prompt: Optional[str] = None, **kwargs: Any
    ) -> AsyncGenerator[Dict[str, Any], None]:
        raise NotImplementedError("the fake model has no structured output")
        yield {}  # pragma: no cover - makes this an async generator

    async def stream(
        self,
        messages: List[Dict[str, Any]],
        tool_specs: Any = None,
        system_prompt: Optional[str] = None,
        **kwargs: Any,
    ) -> AsyncIterable[Dict[str, Any]]:
        prompt = "".join(block.get("text", "") for block in messages[-1]["content"])
        answer = await self._answer(prompt, messages)
        yield {"messageStart": {"role": "assistant"}}
        yield {"contentBlockStart": {"start": {}}}
        yield {"contentBlockDelta": {"delta": {"text": answer}}}
        yield {"contentBlockStop": {}}
        yield {"messageStop": {"stopReason": "end_turn"}}
        yield {
            "metadata": {
                "usage": {"inputTokens": len(prompt), "outputTokens": len(answer), "totalTokens": len(prompt) + len(answer)},
                "metrics": {"latencyMs": 1},
            }
        }

    async def _answer(self, prompt: str, messages: List[Dict[str, Any]]) -> str:
        directive, sep, rest = prompt.partition(":")
        if not sep:
            return "echo: " + prompt
        if directive == "sleep":
            seconds, _, text = rest.partition(":")
            await asyncio.sleep(float(seconds))
            return "echo: " + text
        if directive == "block":
            seconds, _, text = rest.partition(":")
            await asyncio.to_thread(time.sleep, float(seconds))
            return "echo: " + text
        if directive == "fail":
            raise RuntimeError(f"fake model failure for prompt {prompt!r}")
        if directive == "throttle":
            raise ModelThrottledException(f"fake throttling for prompt {prompt!r}")
        if directive == "hang":
            await asyncio.sleep(3600)
        if directive == "count":
            return f"messages={len(messages)}"
        return "echo: " + prompt
