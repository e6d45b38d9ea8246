from diffusers import AutoencoderKL, ControlNetModel, UNet2DConditionModel, UniPCMultistepScheduler
from transformers import CLIPTextModel, CLIPTokenizer

CONTROLNET = "org/controlnet-canny"
CONTROLNET_REV = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"


def load(base, revision):
    """Load the components of `base` at `revision`."""
    return dict(
        tokenizer=CLIPTokenizer.from_pretrained(base, subfolder="tokenizer", revision=revision),
        text_encoder=CLIPTextModel.from_pretrained(base, subfolder="text_encoder", revision=revision),
        vae=AutoencoderKL.from_pretrained(base, subfolder="vae", revision=revision),
        unet=UNet2DConditionModel.from_pretrained(base, subfolder="unet", revision=revision),
        scheduler=UniPCMultistepScheduler.from_pretrained(base, subfolder="scheduler"),
        controlnet=ControlNetModel.from_pretrained(CONTROLNET, revision=CONTROLNET_REV),
    )
