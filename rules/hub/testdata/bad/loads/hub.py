import timm
import torch

dino = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
yolo = torch.hub.load("ultralytics/yolov5:master", "yolov5s")
midas = torch.hub.load(repo_or_dir="isl-org/MiDaS:dev", model="DPT_Large")
vit = timm.create_model("hf-hub:timm/vit_base_patch16_224.augreg_in21k", pretrained=True)
