import io
import os

import torch
from diffusers import StableDiffusionPipeline
from fastapi import FastAPI
from fastapi.responses import Response
from pydantic import BaseModel

MODEL_ID = "runwayml/stable-diffusion-v1-5"

pipe = StableDiffusionPipeline.from_pretrained(MODEL_ID, revision="fp16", torch_dtype=torch.float16, token=os.environ.get("HF_TOKEN"))
pipe = pipe.to("cuda")
pipe.enable_xformers_memory_efficient_attention()

app = FastAPI(title="sd-api")


class GenerateRequest(BaseModel):
    prompt: str
    negative_prompt: str = ""
    steps: int = 30
    guidance: float = 7.5
    seed: int = 0


@app.post("/generate")
def generate(req: GenerateRequest):
    generator = torch.Generator(device="cuda").manual_seed(req.seed)
    image = pipe(
        req.prompt,
        negative_prompt=req.negative_prompt,
        num_inference_steps=req.steps,
        guidance_scale=req.guidance,
        generator=generator,
    ).images[0]
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return Response(buf.getvalue(), media_type="image/png")


@app.get("/healthz")
def healthz():
    return {"ok": True, "model": MODEL_ID}
