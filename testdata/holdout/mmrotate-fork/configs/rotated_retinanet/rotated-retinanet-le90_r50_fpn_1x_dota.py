_base_ = [
    "../_base_/datasets/dota.py", "../_base_/schedules/schedule_1x.py",
    "../_base_/default_runtime.py",
]
angle_version = "le90"
model = dict(
    type="mmdet.RetinaNet",
    backbone=dict(type="mmdet.ResNet", depth=50, init_cfg=dict(type="Pretrained", checkpoint="torchvision://resnet50")),
    neck=dict(type="mmdet.FPN", in_channels=[256, 512, 1024, 2048], out_channels=256, num_outs=5),
    bbox_head=dict(type="RotatedRetinaHead", num_classes=15, in_channels=256),
)
randomness = dict(seed=42, deterministic=False)
optim_wrapper = dict(optimizer=dict(lr=0.01))
