import io

import numpy as np
import triton_python_backend_utils as pb_utils
from PIL import Image

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)[:, None, None]
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)[:, None, None]


class TritonPythonModel:
    def execute(self, requests):
        responses = []
        for request in requests:
            raw = pb_utils.get_input_tensor_by_name(request, "image_bytes").as_numpy()
            batch = []
            for item in raw:
                img = Image.open(io.BytesIO(item.tobytes())).convert("RGB")
                w, h = img.size
                s = 256 / min(w, h)
                img = img.resize((round(w * s), round(h * s)), Image.BILINEAR)
                w, h = img.size
                img = img.crop(((w - 224) // 2, (h - 224) // 2, (w + 224) // 2, (h + 224) // 2))
                x = np.asarray(img, dtype=np.float32).transpose(2, 0, 1) / 255.0
                batch.append(((x - MEAN) / STD).astype(np.float16))
            out = pb_utils.Tensor("input", np.stack(batch))
            responses.append(pb_utils.InferenceResponse(output_tensors=[out]))
        return responses
