#!/bin/sh
set -eu
VERSION=2024.1
docker buildx build --tag=org/cuda-base:${VERSION} -f docker/cuda.Dockerfile .
