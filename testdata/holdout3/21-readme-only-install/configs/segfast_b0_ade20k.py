_base_ = ["mmseg::_base_/datasets/ade20k.py", "mmseg::_base_/default_runtime.py",
          "mmseg::_base_/schedules/schedule_160k.py"]
custom_imports = dict(imports=["segfast"], allow_failed_imports=False)
randomness = dict(seed=0, deterministic=False)
crop_size = (512, 512)
data_preprocessor = dict(type="SegDataPreProcessor", mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
                         bgr_to_rgb=True, pad_val=0, seg_pad_val=255, size=crop_size)
model = dict(
    type="EncoderDecoder",
    data_preprocessor=data_preprocessor,
    backbone=dict(type="MixVisionTransformer", in_channels=3, embed_dims=32, num_stages=4,
                  num_layers=[2, 2, 2, 2], num_heads=[1, 2, 5, 8], patch_sizes=[7, 3, 3, 3],
                  sr_ratios=[8, 4, 2, 1], out_indices=(0, 1, 2, 3), mlp_ratio=4, qkv_bias=True,
                  init_cfg=dict(type="Pretrained", checkpoint="checkpoints/mit_b0_20220624-7e0fe6dd.pth")),
    decode_head=dict(type="LightHamHead", in_channels=[32, 64, 160, 256], in_index=[0, 1, 2, 3], channels=256,
                     dropout_ratio=0.1, num_classes=150, norm_cfg=dict(type="SyncBN", requires_grad=True),
                     align_corners=False, loss_decode=dict(type="CrossEntropyLoss", use_sigmoid=False, loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode="whole"),
)
optim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="AdamW", lr=6e-5, betas=(0.9, 0.999), weight_decay=0.01))
train_dataloader = dict(batch_size=4, num_workers=4)
