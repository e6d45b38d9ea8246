import argparse

import torch
from diffusers import StableDiffusionPipeline

p = argparse.ArgumentParser()
p.add_argument("--lora", required=True)
p.add_argument("--prompt", required=True)
p.add_argument("--seed", type=int, default=1234)
args = p.parse_args()
pipe = StableDiffusionPipeline.from_pretrained("runwayml/stable-diffusion-v1-5", torch_dtype=torch.float16).to("cuda")
pipe.load_lora_weights(args.lora)
image = pipe(args.prompt, num_inference_steps=30, generator=torch.Generator("cuda").manual_seed(args.seed)).images[0]
image.save("out.png")
