import gradio as gr
import torch

model = torch.jit.load("weights/captioner.ts").eval()


def caption(img):
    with torch.no_grad():
        return model(img)


gr.Interface(fn=caption, inputs=gr.Image(type="pil"), outputs="text").launch()
