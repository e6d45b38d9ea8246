import detectron2
