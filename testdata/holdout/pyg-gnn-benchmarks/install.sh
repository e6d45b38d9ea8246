#!/bin/bash
set -e
pip install torch==2.1.0 --index-url https://wheels.example.org/torch/whl/cu121
pip install torch_geometric
pip install pyg_lib torch_scatter torch_sparse -f https://wheels.example.org/pyg/whl/torch-2.1.0+cu121.html
pip install pandas==2.1.3 tabulate==0.9.0
