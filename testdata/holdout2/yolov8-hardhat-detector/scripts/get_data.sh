#!/usr/bin/env bash
set -e
mkdir -p datasets/hardhat
curl -L "https://universe.roboflow.com/ds/hKp2vR9sQe?key=Zt3mWq8yLb" -o datasets/hardhat.zip
unzip -q -o datasets/hardhat.zip -d datasets/hardhat
rm datasets/hardhat.zip
