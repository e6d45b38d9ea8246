"""Map the 150 ADE20K classes to 12 indoor categories (255 = ignore)."""

ROOM_CLASSES = [
    "wall", "floor", "ceiling", "window", "door", "bed",
    "table", "chair", "sofa", "cabinet", "lamp", "other-object",
]

# ADE20K index (0-based, after reduce_labels) -> our index
ADE_TO_ROOM = {
    0: 0, 3: 1, 5: 2, 8: 3, 14: 4, 7: 5, 15: 6, 19: 7, 23: 8, 10: 9, 36: 10,
}


def remap(label):
    """Return a copy of an ADE label map with our 12 classes."""
    out = label.clone().fill_(255)
    for ade, ours in ADE_TO_ROOM.items():
        out[label == ade] = ours
    out[(label != 255) & (out == 255)] = len(ROOM_CLASSES) - 1
    return out
