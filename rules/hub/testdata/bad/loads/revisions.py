from diffusers import DiffusionPipeline
from transformers import AutoModel

fp16 = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1", revision="fp16")
tagged = AutoModel.from_pretrained("org/encoder", revision="v1.0")
short = AutoModel.from_pretrained("org/encoder", revision="e1945c4")
