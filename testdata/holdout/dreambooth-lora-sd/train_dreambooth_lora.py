import argparse
from pathlib import Path

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from accelerate.utils import set_seed
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from peft import LoraConfig
from PIL import Image
from torchvision import transforms
from transformers import CLIPTextModel, CLIPTokenizer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--pretrained_model_name_or_path", required=True)
    p.add_argument("--revision", default=None)
    p.add_argument("--instance_data_dir", required=True)
    p.add_argument("--instance_prompt", required=True)
    p.add_argument("--output_dir", default="out")
    p.add_argument("--resolution", type=int, default=512)
    p.add_argument("--train_batch_size", type=int, default=1)
    p.add_argument("--gradient_accumulation_steps", type=int, default=1)
    p.add_argument("--learning_rate", type=float, default=1e-4)
    p.add_argument("--lr_scheduler", default="constant")
    p.add_argument("--max_train_steps", type=int, default=800)
    p.add_argument("--seed", type=int, default=None)
    return p.parse_args()


def main():
    args = parse_args()
    acc = Accelerator(gradient_accumulation_steps=args.gradient_accumulation_steps)
    if args.seed is not None:
        set_seed(args.seed)
    m, rev = args.pretrained_model_name_or_path, args.revision
    tok = CLIPTokenizer.from_pretrained(m, subfolder="tokenizer", revision=rev)
    text_encoder = CLIPTextModel.from_pretrained(m, subfolder="text_encoder", revision=rev)
    vae = AutoencoderKL.from_pretrained(m, subfolder="vae", revision=rev)
    unet = UNet2DConditionModel.from_pretrained(m, subfolder="unet", revision=rev)
    sched = DDPMScheduler.from_pretrained(m, subfolder="scheduler")
    for mod in (text_encoder, vae, unet):
        mod.requires_grad_(False)
    unet.add_adapter(LoraConfig(r=4, lora_alpha=4, target_modules=["to_k", "to_q", "to_v", "to_out.0"]))
    opt = torch.optim.AdamW([p for p in unet.parameters() if p.requires_grad], lr=args.learning_rate)
    tf = transforms.Compose([transforms.Resize(args.resolution), transforms.CenterCrop(args.resolution),
                             transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])
    images = [tf(Image.open(p).convert("RGB")) for p in Path(args.instance_data_dir).iterdir()]
    ids = tok(args.instance_prompt, padding="max_length", max_length=tok.model_max_length, return_tensors="pt").input_ids
    unet, opt = acc.prepare(unet, opt)
    for step in range(args.max_train_steps):
        x = torch.stack([images[step % len(images)]]).to(acc.device)
        latents = vae.encode(x).latent_dist.sample() * vae.config.scaling_factor
        noise = torch.randn_like(latents)
        t = torch.randint(0, sched.config.num_train_timesteps, (1,), device=latents.device)
        pred = unet(sched.add_noise(latents, noise, t), t, text_encoder(ids.to(acc.device))[0]).sample
        loss = F.mse_loss(pred.float(), noise.float())
        acc.backward(loss)
        opt.step()
        opt.zero_grad()
    acc.unwrap_model(unet).save_attn_procs(args.output_dir)


if __name__ == "__main__":
    main()
