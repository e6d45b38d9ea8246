import mmseg
