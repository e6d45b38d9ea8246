from huggingface_hub import hf_hub_download, snapshot_download

ckpt = hf_hub_download(repo_id="stabilityai/sd-vae-ft-mse", filename="diffusion_pytorch_model.safetensors")
snapshot_download("openai/clip-vit-large-patch14", local_dir="checkpoints/clip")
print(ckpt)
