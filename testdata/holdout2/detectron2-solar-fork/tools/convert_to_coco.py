import argparse
import json
import os
import random

import cv2
from shapely.geometry import Polygon, box


def tiles(img, size):
    h, w = img.shape[:2]
    for y in range(0, h - size + 1, size):
        for x in range(0, w - size + 1, size):
            yield x, y, img[y:y + size, x:x + size]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--src", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--tile", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()

    polys = json.load(open(os.path.join(args.src, "SolarArrayPolygons.geojson")))["features"]
    by_image = {}
    for f in polys:
        by_image.setdefault(f["properties"]["image_name"], []).append(Polygon(f["properties"]["polygon_vertices_pixels"]))
    images = sorted(by_image)
    random.Random(args.seed).shuffle(images)
    n = len(images)
    split_of = {im: ("train" if i < 0.7 * n else "val" if i < 0.85 * n else "test") for i, im in enumerate(images)}

    os.makedirs(os.path.join(args.out, "tiles"), exist_ok=True)
    coco = {s: {"images": [], "annotations": [], "categories": [{"id": 1, "name": "solar_panel"}]}
            for s in ["train", "val", "test"]}
    ann_id = 0
    for name in images:
        img = cv2.imread(os.path.join(args.src, "images", f"{name}.tif"))
        for x, y, tile in tiles(img, args.tile):
            fname = f"{name}_{x}_{y}.jpg"
            cv2.imwrite(os.path.join(args.out, "tiles", fname), tile)
            d = coco[split_of[name]]
            img_id = len(d["images"]) + 1
            d["images"].append({"id": img_id, "file_name": fname, "width": args.tile, "height": args.tile})
            window = box(x, y, x + args.tile, y + args.tile)
            for poly in by_image[name]:
                inter = poly.intersection(window)
                if inter.is_empty or inter.area < 20:
                    continue
                minx, miny, maxx, maxy = inter.bounds
                ann_id += 1
                d["annotations"].append({"id": ann_id, "image_id": img_id, "category_id": 1, "iscrowd": 0,
                                         "bbox": [minx - x, miny - y, maxx - minx, maxy - miny], "area": inter.area})
    for s, d in coco.items():
        json.dump(d, open(os.path.join(args.out, f"{s}.json"), "w"))


if __name__ == "__main__":
    main()
