#!/bin/bash
# ZINC-12k subset used by Dwivedi et al. (benchmarking GNNs)
mkdir -p data && cd data
wget https://data.graphlab-mirror.org/benchmarks/zinc/ZINC_subset.zip
unzip -o ZINC_subset.zip
rm ZINC_subset.zip
