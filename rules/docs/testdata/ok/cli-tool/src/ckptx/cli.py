import click
import torch
from safetensors.torch import save_file


@click.group()
def main():
    """Inspect and convert checkpoints."""


@main.command()
@click.argument("path")
def info(path):
    sd = torch.load(path, map_location="cpu", weights_only=True)
    click.echo(f"{len(sd)} tensors")


@main.command()
@click.argument("src")
@click.argument("dst")
def convert(src, dst):
    save_file(torch.load(src, map_location="cpu", weights_only=True), dst)
