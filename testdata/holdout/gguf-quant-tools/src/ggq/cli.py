import time

import click
import numpy as np
from gguf import GGUFReader


@click.group()
def main():
    """Inspect and benchmark GGUF files."""


@main.command()
@click.argument("path")
def info(path):
    r = GGUFReader(path)
    for name, field in r.fields.items():
        if name.startswith("general."):
            click.echo(f"{name}: {field.parts[-1]}")
    sizes = np.array([t.n_bytes for t in r.tensors])
    click.echo(f"{len(sizes)} tensors, {sizes.sum() / 2**20:.1f} MiB")


@main.command()
@click.argument("path")
@click.option("--prompt", default="Hello")
@click.option("--n", default=32)
@click.option("--seed", default=0)
def bench(path, prompt, n, seed):
    from llama_cpp import Llama

    llm = Llama(model_path=path, seed=seed, verbose=False)
    t0 = time.perf_counter()
    out = llm(prompt, max_tokens=n, temperature=0.0)
    click.echo(f"{n / (time.perf_counter() - t0):.1f} tok/s: {out['choices'][0]['text']!r}")
