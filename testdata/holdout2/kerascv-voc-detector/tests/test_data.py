import tensorflow as tf

from data import _to_dict


def test_boxes_are_xywh_in_pixels():
    sample = {"image": tf.zeros((100, 200, 3), tf.uint8),
              "objects": {"bbox": tf.constant([[0.1, 0.2, 0.5, 0.6]]), "label": tf.constant([3])}}
    out = _to_dict(sample)
    tf.debugging.assert_near(out["bounding_boxes"]["boxes"], [[40.0, 10.0, 80.0, 40.0]])
