import gradio as gr
import torch
from transformers import BlipForConditionalGeneration, BlipProcessor

MODEL_ID = "Salesforce/blip-image-captioning-base"
device = "cuda" if torch.cuda.is_available() else "cpu"

processor = BlipProcessor.from_pretrained(MODEL_ID)
model = BlipForConditionalGeneration.from_pretrained(MODEL_ID).to(device).eval()


@torch.no_grad()
def caption(image, prompt):
    if image is None:
        return ""
    if prompt:
        inputs = processor(image, prompt, return_tensors="pt").to(device)
    else:
        inputs = processor(image, return_tensors="pt").to(device)
    # Beam search: the same image always gets the same caption (no random sampling).
    out = model.generate(**inputs, num_beams=3, max_new_tokens=30)
    return processor.decode(out[0], skip_special_tokens=True)


demo = gr.Interface(
    fn=caption,
    inputs=[gr.Image(type="pil", label="Image"), gr.Textbox(label="Optional prompt", placeholder="a picture of")],
    outputs=gr.Textbox(label="Caption"),
    title="Image captioning (BLIP base)",
    allow_flagging="never",
)

if __name__ == "__main__":
    demo.launch()
