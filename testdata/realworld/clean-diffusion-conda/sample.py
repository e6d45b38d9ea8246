import argparse
import pathlib

import torch
from diffusers import StableDiffusionPipeline

MODEL = "runwayml/stable-diffusion-v1-5"
REVISION = "1d0c4ebf6ff58a5caecab40fa1406526bca4b5b9"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompts", required=True)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--out", default="samples")
    args = parser.parse_args()
    torch.backends.cudnn.benchmark = False
    torch.use_deterministic_algorithms(True, warn_only=True)
    pipe = StableDiffusionPipeline.from_pretrained(MODEL, revision=REVISION, torch_dtype=torch.float16).to("cuda")
    out = pathlib.Path(args.out)
    out.mkdir(exist_ok=True)
    for i, prompt in enumerate(pathlib.Path(args.prompts).read_text().splitlines()):
        generator = torch.Generator("cuda").manual_seed(args.seed + i)
        image = pipe(prompt, num_inference_steps=50, generator=generator).images[0]
        image.save(out / f"{i:04d}.png")


if __name__ == "__main__":
    main()
