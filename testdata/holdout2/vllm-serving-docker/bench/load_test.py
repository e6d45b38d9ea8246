"""Fire N concurrent chat requests at the gateway and report latency percentiles."""
import argparse
import asyncio
import statistics
import time

import httpx

PROMPTS = [
    "Summarise the plot of Hamlet in three sentences.",
    "Write a Python function that merges two sorted lists.",
    "Explain the difference between TCP and UDP to a ten-year-old.",
]


async def one(client, url, prompt):
    t0 = time.perf_counter()
    r = await client.post(url, json={"model": "mistral-7b-instruct", "max_tokens": 256, "temperature": 0,
                                     "messages": [{"role": "user", "content": prompt}]})
    r.raise_for_status()
    return time.perf_counter() - t0


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="https://localhost/v1/chat/completions")
    p.add_argument("-n", type=int, default=64)
    args = p.parse_args()
    async with httpx.AsyncClient(verify=False, timeout=600) as client:
        lat = await asyncio.gather(*[one(client, args.url, PROMPTS[i % len(PROMPTS)]) for i in range(args.n)])
    lat.sort()
    print(f"p50 {statistics.median(lat):.2f}s  p95 {lat[int(0.95 * len(lat)) - 1]:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
